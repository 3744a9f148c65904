import { type CommandLine, defineCli, positiveInteger } from '../../src/runtime/cli.js';
import { readSpace } from './matcher-args.js';

/** `npm run tune`'s options, as `--help` lists them; `scripts/tune.ts` says how it chooses. */
export const tuneCli = defineCli({
  name: 'tune',
  usage: ['npm run tune -- [--space JSON] [--rounds N]'],
  summary:
    "Leave-one-story-out choice of the matcher's weights and abstention threshold, then the choice on every story.",
  options: {
    space: {
      type: 'string',
      value: 'JSON',
      help: `the options searched and the values tried, such as '{"bodyFieldWeight":[0.3,0.5]}' (default: scripts/tune.ts)`,
    },
    rounds: { type: 'string', value: 'N', help: 'coordinate-descent rounds at most (default 2)' },
  },
  notes: [
    "KNOWLEDGE_DIR: the bundled story's packs (default knowledge/); the other stories bring their own.",
  ],
});

export interface TuneArgs {
  /** The space given, or undefined for the default one. */
  space: Record<string, number[]> | undefined;
  rounds: number;
}

/** The command line checked: a `UsageError` for anything amiss. */
export function readTuneArgs({ values }: CommandLine<typeof tuneCli.options>): TuneArgs {
  return { space: readSpace(values.space), rounds: positiveInteger(values.rounds, 'rounds', 2) };
}

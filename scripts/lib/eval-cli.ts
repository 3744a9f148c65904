import { UsageError } from '../../src/errors.js';
import type { MatcherOptions } from '../../src/matcher/defaults.js';
import { type CommandLine, defineCli, positiveInteger } from '../../src/runtime/cli.js';
import { readMatcherOptions } from './matcher-args.js';
import type { Story } from './stories.js';

/** `npm run eval`'s options, as `--help` lists them; `scripts/eval.ts` says what it measures. */
export const evalCli = defineCli({
  name: 'eval',
  usage: [
    'npm run eval -- [--story ID[,ID]] [--set NAME] [--examples N] [--no-aliases] [--options JSON] [--misses] [--json]',
  ],
  summary: "Accuracy of the bot on every story's question sets in tests/eval/stories/.",
  options: {
    story: { type: 'string', value: 'ID[,ID]', help: 'only these stories (default every one)' },
    set: {
      type: 'string',
      value: 'NAME',
      help: 'only this set of each story: dev, dev2, test (default all)',
    },
    examples: {
      type: 'string',
      value: 'N',
      help: 'a pack on its first day: only the first N example questions of every card',
    },
    'no-aliases': { type: 'boolean', help: "no aliases on cards but their subjects' names" },
    options: {
      type: 'string',
      value: 'JSON',
      help: `matcher options to try, such as '{"abstainBelow":0.5}' (src/matcher/defaults.ts)`,
    },
    misses: { type: 'boolean', help: 'list the questions missed (read dev misses, not test ones)' },
    json: { type: 'boolean', help: 'one JSON line per story and set instead of the table' },
  },
  notes: [
    "KNOWLEDGE_DIR: the bundled story's packs (default knowledge/); the other stories bring their own.",
  ],
});

export interface EvalArgs {
  stories: Story[];
  /** One set name of each story, or every set. */
  set: string | undefined;
  examples: number | undefined;
  noAliases: boolean;
  options: Partial<MatcherOptions>;
  misses: boolean;
  json: boolean;
}

/** The command line checked against the stories there are: a `UsageError` for anything amiss. */
export function readEvalArgs(
  { values }: CommandLine<typeof evalCli.options>,
  all: readonly Story[],
): EvalArgs {
  let stories = [...all];
  if (values.story !== undefined) {
    const ids = values.story.split(',').map((id) => id.trim());
    const known = all.map((s) => s.id);
    for (const id of ids) {
      if (!known.includes(id)) {
        throw new UsageError(`--story: no story ${JSON.stringify(id)}; stories: ${known.join(', ')}`);
      }
    }
    stories = all.filter((s) => ids.includes(s.id));
  }
  if (values.set !== undefined) {
    const names = [...new Set(stories.flatMap((s) => s.sets.map((set) => set.name)))].sort();
    if (!names.includes(values.set)) {
      throw new UsageError(`--set: no set ${JSON.stringify(values.set)}; sets: ${names.join(', ')}`);
    }
  }
  return {
    stories,
    set: values.set,
    examples: values.examples === undefined ? undefined : positiveInteger(values.examples, 'examples', 0),
    noAliases: values['no-aliases'],
    options: readMatcherOptions(values.options),
    misses: values.misses,
    json: values.json,
  };
}

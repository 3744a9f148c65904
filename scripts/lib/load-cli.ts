import { UsageError } from '../../src/errors.js';
import { type CommandLine, defineCli } from '../../src/runtime/cli.js';

/** `npm run load`'s options, as `--help` lists them; `scripts/load.ts` says what each phase does. */
export const loadCli = defineCli({
  name: 'load',
  usage: ['npm run load -- [--phase steady|sweep|sigterm|sigterm-held] [options]'],
  summary:
    'Load test of the Slack adapter in HTTP mode: signed /ask commands, open loop, against the real entry point.',
  options: {
    phase: {
      type: 'string',
      value: 'NAME',
      help: 'one phase: steady, sweep, sigterm or sigterm-held (default all)',
    },
    rate: { type: 'string', value: 'R', help: 'steady: commands a second (200)' },
    duration: { type: 'string', value: 'S', help: 'steady: seconds (30)' },
    rates: {
      type: 'string',
      value: 'R,R,…',
      help: 'sweep: the rates, each for --step-duration (200,400,…,1400)',
    },
    'step-duration': { type: 'string', value: 'S', help: 'sweep: seconds a rate (8)' },
    runs: { type: 'string', value: 'N', help: 'sigterm: fresh processes (10)' },
    'sigterm-rate': { type: 'string', value: 'R', help: 'sigterm: commands a second (200)' },
    'sigterm-duration': { type: 'string', value: 'S', help: 'sigterm: seconds, SIGTERM half-way (4)' },
    'hold-open': {
      type: 'boolean',
      help: 'sigterm: also hold an idle connection and a half-sent request open',
    },
    instances: {
      type: 'string',
      value: 'N',
      help: 'instances behind a round-robin proxy, sharing Redis (1)',
    },
    redis: { type: 'boolean', help: 'state in Redis with one instance too' },
    json: { type: 'boolean', help: 'one JSON object instead of the report' },
  },
  notes: ["Exit code 0 when every phase met its targets. The report gives the machine's load average."],
});

const NUMERIC = [
  'rate',
  'duration',
  'step-duration',
  'runs',
  'sigterm-rate',
  'sigterm-duration',
  'instances',
] as const;

/**
 * A `UsageError` for a number option that is not a number above 0 (`--rate ten`), where the
 * load tool's own reading would quietly fall back to the default.
 */
export function checkLoadValues({ values }: CommandLine<typeof loadCli.options>): void {
  const positive = (value: string | undefined, name: string) => {
    if (value !== undefined && !(Number(value) > 0)) {
      throw new UsageError(`--${name} takes a number above 0, not "${value}"`);
    }
  };
  for (const name of NUMERIC) positive(values[name], name);
  for (const rate of values.rates?.split(',') ?? []) positive(rate, 'rates');
}

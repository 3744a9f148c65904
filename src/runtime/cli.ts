/**
 * The command line of every tool (`bin/ask.ts`, `bin/discord-register.ts`, `scripts/*.ts`), so
 * that they all behave alike: Node's own `util.parseArgs` in strict mode, `--help`, a usage line,
 * an unknown option or a bad value answered with that line and exit code 2, a failure (a broken
 * pack, a missing file) told in one line naming what is at fault and exit code 1, and progress on
 * stderr only when a person watches it there.
 *
 * A tool declares its spec and hands its `main` to {@link runTool}:
 *
 * ```ts
 * const spec = defineCli({
 *   name: 'eval',
 *   usage: ['npm run eval -- [options]'],
 *   summary: "Accuracy of the bot on every story's question sets in tests/eval/stories/.",
 *   options: {
 *     set: { type: 'string', value: 'NAME', help: 'one set group (dev, test) instead of all' },
 *     json: { type: 'boolean', help: 'one JSON summary per set' },
 *   },
 * });
 * runTool(spec, async ({ values }) => {
 *   const packs = storyPacks(story); // a KnowledgeError becomes one line: file, line, field
 *   …
 *   return 0;
 * });
 * ```
 *
 * Values that need checking throw `UsageError` (from `src/errors.ts`) in a small `read*` step
 * beside the spec (`bin/ask-options.ts`, `scripts/lib/eval-cli.ts`; whole numbers through
 * {@link positiveInteger}): a misuse too, exit 2. Long loops report through {@link progress}. `tests/bin/tools.integration.test.ts` runs every tool
 * with an unknown option (and a broken pack where a tool loads one): add a new tool to its table.
 */
import { type ParseArgsConfig, parseArgs } from 'node:util';
import { scrubSecrets } from '../config.js';
import { FactdeskError, UsageError } from '../errors.js';

/** One option of a tool. */
export interface CliOption {
  type: 'boolean' | 'string';
  short?: string;
  /** What it does, one line, for `--help`. */
  help: string;
  /** For a string option: what its value is, shown in `--help` (`--data PATH`). */
  value?: string;
}

export type CliOptions = Record<string, CliOption>;

/** What a tool declares of its command line. */
export interface CliSpec<O extends CliOptions> {
  /** Short name, prefixed to every error line: `ask: unknown option --jsn`. */
  name: string;
  /** How to run it, one form per line, without `usage:`; the first is the usage line. */
  usage: readonly string[];
  /** What the tool does, one sentence. */
  summary: string;
  options: O;
  /** Whether it takes arguments other than options (a question, a grid); none when absent. */
  positionals?: boolean;
  /** Lines printed after the options in `--help`: settings read, examples. */
  notes?: readonly string[];
}

/** A boolean option is false when absent; a string option undefined. */
export type CliValues<O extends CliOptions> = {
  [K in keyof O]: O[K]['type'] extends 'boolean' ? boolean : string | undefined;
};

export interface CommandLine<O extends CliOptions> {
  values: CliValues<O>;
  positionals: string[];
}

/** The command line read, or what to print and the exit code instead (help: 0, misuse: 2). */
export type Parsed<O extends CliOptions> =
  | { ok: true; args: CommandLine<O> }
  | { ok: false; code: 0 | 2; stdout: string; stderr: string };

const HELP: CliOption = { type: 'boolean', short: 'h', help: 'show this help and exit' };

/** Declares a tool's command line, keeping its option names for the types of its values. */
export function defineCli<O extends CliOptions>(spec: CliSpec<O>): CliSpec<O> {
  return spec;
}

/** Reads `argv` (without node and the script) against the spec. Pure: prints nothing. */
export function parseCommandLine<O extends CliOptions>(spec: CliSpec<O>, argv: readonly string[]): Parsed<O> {
  const all: CliOptions = { ...spec.options, help: HELP };
  const options: NonNullable<ParseArgsConfig['options']> = {};
  for (const [name, option] of Object.entries(all)) {
    options[name] = { type: option.type, ...(option.short ? { short: option.short } : {}) };
  }
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: [...argv],
      options,
      strict: true,
      allowPositionals: spec.positionals === true,
    });
  } catch (error) {
    return { ok: false, code: 2, stdout: '', stderr: misuse(spec, parseError(error)) };
  }
  if (parsed.values.help === true) return { ok: false, code: 0, stdout: helpText(spec), stderr: '' };
  const values: Record<string, boolean | string | undefined> = {};
  for (const [name, option] of Object.entries(spec.options)) {
    const value = parsed.values[name];
    values[name] = option.type === 'boolean' ? value === true : typeof value === 'string' ? value : undefined;
  }
  return { ok: true, args: { values: values as CliValues<O>, positionals: [...parsed.positionals] } };
}

/** The usage line (and its other forms), as printed with every misuse. */
export function usageText<O extends CliOptions>(spec: CliSpec<O>): string {
  return spec.usage.map((form, i) => `${i === 0 ? 'usage: ' : '       '}${form}`).join('\n');
}

/** `--help`: usage, what the tool does, every option, then the notes. */
export function helpText<O extends CliOptions>(spec: CliSpec<O>): string {
  const rows = Object.entries({ ...spec.options, help: HELP }).map(([name, option]) => {
    const flag = `${option.short ? `-${option.short}, ` : '    '}--${name}${option.type === 'string' ? ` ${option.value ?? 'VALUE'}` : ''}`;
    return { flag, help: option.help };
  });
  const width = Math.max(...rows.map((r) => r.flag.length)) + 2;
  return [
    usageText(spec),
    '',
    spec.summary,
    '',
    'options:',
    ...rows.map((r) => `  ${r.flag.padEnd(width)}${r.help}`),
    ...(spec.notes && spec.notes.length > 0 ? ['', ...spec.notes] : []),
    '',
  ].join('\n');
}

/** What a tool prints when called wrongly: the problem, the usage line, the options it knows. */
function misuse<O extends CliOptions>(spec: CliSpec<O>, problem: string): string {
  const known = Object.keys({ ...spec.options, help: HELP }).map((name) => `--${name}`);
  const more = known.length > 1 ? ' (--help says what each does)' : '';
  return `${spec.name}: ${problem}\n${usageText(spec)}\noptions: ${known.join(', ')}${more}\n`;
}

/** parseArgs's errors, said shortly: its own texts suggest `--` tricks a newcomer does not need. */
function parseError(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  const quoted = /'([^']*)'/.exec(message)?.[1] ?? '';
  const option = quoted.split(/[ ,]+/).find((part) => part.startsWith('--')) ?? quoted.split(' ')[0] ?? '';
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return `unknown option ${quoted}`;
  if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') return `unexpected argument "${quoted}"`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') {
    if (/does not take an argument/.test(message)) return `${option} takes no value`;
    if (/argument missing/.test(message)) return `${option} needs a value`;
    if (/ambiguous/.test(message))
      return `${option} needs a value (to give one that starts with "-", write ${option}=VALUE)`;
  }
  return message.split('\n')[0] ?? message;
}

/** A positive whole number from a string option, or a `UsageError` naming the option. */
export function positiveInteger(value: string | undefined, option: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!/^\d+$/.test(value.trim()) || !Number.isSafeInteger(n) || n < 1) {
    throw new UsageError(`--${option} takes a whole number above 0, not "${value}"`);
  }
  return n;
}

/**
 * How a failed tool reports: one line `name: message`, with the usage line for a `UsageError`
 * (exit 2). Factdesk's own errors name what is at fault (a pack's file, line and field; a
 * setting), and so do Node's system errors (`ENOENT: no such file …`): one line is all. Anything
 * else is a bug, and its stack follows the line. Secrets' values never show.
 */
export function failure<O extends CliOptions>(
  spec: CliSpec<O>,
  error: unknown,
  secrets: readonly string[] = [],
  env: Record<string, string | undefined> = process.env,
): { code: 1 | 2; stderr: string } {
  const scrub = (text: string) => scrubSecrets(text, secrets, env);
  if (error instanceof UsageError) return { code: 2, stderr: scrub(misuse(spec, error.message)) };
  const message = error instanceof Error ? error.message : String(error);
  const expected = error instanceof FactdeskError || (error instanceof Error && 'code' in error);
  const stack = !expected && error instanceof Error && error.stack ? `${error.stack}\n` : '';
  return { code: 1, stderr: scrub(`${spec.name}: ${message}\n${stack}`) };
}

export interface ToolOptions {
  argv?: readonly string[];
  /** Settings whose values must never be printed (a platform's tokens). */
  secrets?: readonly string[];
}

/**
 * Reads the command line and returns it, or what `read` makes of it (checked values: a
 * `UsageError` thrown there is a misuse too); prints help (exit 0) or the misuse (exit 2) and
 * ends the process instead. For a tool that runs its own top-level code (`scripts/load.ts`);
 * others use {@link runTool}.
 */
export function readCommandLine<O extends CliOptions, T = CommandLine<O>>(
  spec: CliSpec<O>,
  read: (args: CommandLine<O>) => T = (args) => args as T,
  argv: readonly string[] = process.argv.slice(2),
): T {
  const parsed = parseCommandLine(spec, argv);
  if (!parsed.ok) {
    process.stdout.write(parsed.stdout);
    process.stderr.write(parsed.stderr);
    process.exit(parsed.code);
  }
  try {
    return read(parsed.args);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    process.stderr.write(failure(spec, error).stderr);
    process.exit(2);
  }
}

/**
 * Runs a tool: reads its command line, runs `main` with it and exits with the code `main`
 * returns, or reports its failure as {@link failure} does. Only entry points call this.
 */
export function runTool<O extends CliOptions>(
  spec: CliSpec<O>,
  main: (args: CommandLine<O>) => Promise<number> | number,
  options: ToolOptions = {},
): void {
  const args = readCommandLine(spec, undefined, options.argv);
  Promise.resolve()
    .then(() => main(args))
    .then(
      (code) => process.exit(code),
      (error: unknown) => {
        const failed = failure(spec, error, options.secrets);
        process.stderr.write(failed.stderr);
        process.exit(failed.code);
      },
    );
}

/** Progress of a long loop. */
export interface Progress {
  /** One more step done (or `by` more); `tick(0)` shows the bar before the first step ends. */
  tick(by?: number): void;
  /** Clears the bar so that a line of results can be printed; the next tick draws it again. */
  clear(): void;
  /** Clears the bar; call once the loop ends, before printing results. */
  done(): void;
}

const SILENT: Progress = { tick: () => {}, clear: () => {}, done: () => {} };

/**
 * A progress bar on `stream` (stderr) when it is a terminal, redrawn at most ten times a second;
 * nothing at all when it is piped or redirected, so logs and captured output stay clean.
 */
export function progress(
  label: string,
  total: number,
  stream: Pick<NodeJS.WriteStream, 'isTTY' | 'columns' | 'write'> = process.stderr,
  now: () => number = () => performance.now(),
): Progress {
  if (!stream.isTTY || total <= 0) return SILENT;
  let done = 0;
  let drawnAt = Number.NEGATIVE_INFINITY;
  let shown = false;
  const draw = () => {
    const counts = ` ${Math.min(done, total)}/${total}`;
    const width = Math.max(10, Math.min(40, (stream.columns ?? 80) - label.length - counts.length - 4));
    const filled = Math.round((Math.min(done, total) / total) * width);
    stream.write(`\r${label} [${'#'.repeat(filled)}${'.'.repeat(width - filled)}]${counts}`);
    drawnAt = now();
    shown = true;
  };
  const clear = () => {
    // Carriage return, then erase the line: what prints next goes where the bar was.
    if (shown) stream.write('\r\u001b[2K');
    shown = false;
  };
  return {
    tick(by = 1) {
      done += by;
      if (!shown || now() - drawnAt >= 100 || done >= total) draw();
    },
    clear,
    done: clear,
  };
}

/**
 * Matcher options given on a command line as JSON: eval's `--options '{"abstainBelow":0.5}'` and
 * tune's `--space '{"bodyFieldWeight":[0.3,0.5]}'`. Text that is not JSON, a key that is not a
 * `MatcherOptions` field, or a value of the wrong kind is a `UsageError` naming it, so that a typo
 * stops the run instead of being ignored for its minutes.
 */
import { UsageError } from '../../src/errors.js';
import { DEFAULT_MATCHER_OPTIONS, type MatcherOptions } from '../../src/matcher/defaults.js';

/** Every matcher option's name, sorted, as the messages list them. */
export const MATCHER_OPTION_NAMES: readonly string[] = Object.keys(DEFAULT_MATCHER_OPTIONS).sort();

/** The JSON object given to `--option`, or a `UsageError`. */
function jsonObject(text: string, option: string, example: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    throw new UsageError(`--${option} is not JSON: ${reason}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new UsageError(`--${option} takes a JSON object, such as '${example}'`);
  }
  return value as Record<string, unknown>;
}

function checkName(key: string, option: string, names: readonly string[]): void {
  if (!names.includes(key)) {
    throw new UsageError(`--${option}: unknown option ${JSON.stringify(key)}; options: ${names.join(', ')}`);
  }
}

const isNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);

/** `--options`: some matcher options, each a number. */
export function readMatcherOptions(text: string | undefined, option = 'options'): Partial<MatcherOptions> {
  if (text === undefined) return {};
  const given = jsonObject(text, option, '{"abstainBelow":0.5}');
  for (const [key, value] of Object.entries(given)) {
    checkName(key, option, MATCHER_OPTION_NAMES);
    if (!isNumber(value))
      throw new UsageError(`--${option}: ${key} takes a number, not ${JSON.stringify(value)}`);
  }
  return given as Partial<MatcherOptions>;
}

/**
 * `--space`: the values tune tries for some matcher options, each a list of numbers. Not the
 * threshold (`abstainBelow`): tune sweeps it by itself for every setting.
 */
export function readSpace(text: string | undefined, option = 'space'): Record<string, number[]> | undefined {
  if (text === undefined) return undefined;
  const given = jsonObject(text, option, '{"bodyFieldWeight":[0.3,0.5]}');
  const names = MATCHER_OPTION_NAMES.filter((name) => name !== 'abstainBelow');
  for (const [key, values] of Object.entries(given)) {
    if (key === 'abstainBelow') {
      throw new UsageError(`--${option}: abstainBelow is not searched: tune tries every threshold by itself`);
    }
    checkName(key, option, names);
    if (!Array.isArray(values) || values.length === 0 || !values.every(isNumber)) {
      throw new UsageError(
        `--${option}: ${key} takes a list of numbers, such as [0.3, 0.5], not ${JSON.stringify(values)}`,
      );
    }
  }
  return given as Record<string, number[]>;
}

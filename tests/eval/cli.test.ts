import { describe, expect, it } from 'vitest';
import { evalCli, readEvalArgs } from '../../scripts/lib/eval-cli.js';
import { MATCHER_OPTION_NAMES, readMatcherOptions, readSpace } from '../../scripts/lib/matcher-args.js';
import { findStories } from '../../scripts/lib/stories.js';
import { readTuneArgs, tuneCli } from '../../scripts/lib/tune-cli.js';
import { UsageError } from '../../src/errors.js';
import { DEFAULT_MATCHER_OPTIONS } from '../../src/matcher/defaults.js';
import { type CliOptions, type CliSpec, type CommandLine, parseCommandLine } from '../../src/runtime/cli.js';

/** `npm run eval` and `npm run tune`'s command lines, read in-process (the processes: tests/bin/tools). */
const stories = findStories();

function commandLine<O extends CliOptions>(spec: CliSpec<O>, argv: string[]): CommandLine<O> {
  const parsed = parseCommandLine(spec, argv);
  if (!parsed.ok) throw new Error(parsed.stderr);
  return parsed.args;
}
const evalArgs = (...argv: string[]) => readEvalArgs(commandLine(evalCli, argv), stories);
const tuneArgs = (...argv: string[]) => readTuneArgs(commandLine(tuneCli, argv));
const usage = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error('no UsageError');
};

describe('eval options', () => {
  it('runs every story and set with the shipped options by default', () => {
    expect(evalArgs()).toEqual({
      stories,
      set: undefined,
      examples: undefined,
      noAliases: false,
      options: {},
      misses: false,
      json: false,
    });
  });

  it('takes stories that exist, a set one of them has, a number of examples and matcher options', () => {
    const args = evalArgs(
      '--story',
      'us-russia-prisoner-exchange,glacier-lake-flood',
      '--set',
      'dev2',
      '--examples',
      '3',
      '--no-aliases',
      '--options',
      '{"abstainBelow":0.5,"fewExamples":0}',
      '--json',
    );
    expect(args.stories.map((s) => s.id)).toEqual(['glacier-lake-flood', 'us-russia-prisoner-exchange']);
    expect(args).toMatchObject({
      set: 'dev2',
      examples: 3,
      noAliases: true,
      options: { abstainBelow: 0.5, fewExamples: 0 },
      json: true,
    });
  });

  it('names a story or a set that does not exist, and lists those that do', () => {
    expect(usage(() => evalArgs('--story', 'glacier-lake-flod'))).toBe(
      `--story: no story "glacier-lake-flod"; stories: ${stories.map((s) => s.id).join(', ')}`,
    );
    expect(usage(() => evalArgs('--set', 'tests'))).toBe('--set: no set "tests"; sets: dev, dev2, test');
    // dev2 is only the bundled story's.
    expect(usage(() => evalArgs('--story', 'glacier-lake-flood', '--set', 'dev2'))).toBe(
      '--set: no set "dev2"; sets: dev, test',
    );
  });

  it('refuses a number of examples that is not a whole number above 0', () => {
    for (const examples of ['three', '0', '-1', '2.5']) {
      expect(usage(() => evalArgs(`--examples=${examples}`))).toBe(
        `--examples takes a whole number above 0, not "${examples}"`,
      );
    }
  });
});

describe('matcher options as JSON', () => {
  it('lists every option, sorted, when one is misspelt', () => {
    expect([...MATCHER_OPTION_NAMES].sort()).toEqual(Object.keys(DEFAULT_MATCHER_OPTIONS).sort());
    expect(usage(() => readMatcherOptions('{"abstainBellow":0.5}'))).toBe(
      `--options: unknown option "abstainBellow"; options: ${MATCHER_OPTION_NAMES.join(', ')}`,
    );
    expect(MATCHER_OPTION_NAMES[0]).toBe('abstainBelow');
  });

  it.each([
    ['{abstainBelow:0.5}', /^--options is not JSON: .+/],
    ['[0.5]', /^--options takes a JSON object, such as '\{"abstainBelow":0\.5\}'$/],
    ['null', /^--options takes a JSON object/],
    ['{"abstainBelow":"0.5"}', /^--options: abstainBelow takes a number, not "0\.5"$/],
  ])('refuses --options %s', (text, message) => {
    expect(usage(() => readMatcherOptions(text))).toMatch(message);
  });

  it('reads a search space: lists of numbers for options other than the threshold', () => {
    expect(tuneArgs()).toEqual({ space: undefined, rounds: 2 });
    expect(tuneArgs('--space', '{"bodyFieldWeight":[0.3,0.5]}', '--rounds', '1')).toEqual({
      space: { bodyFieldWeight: [0.3, 0.5] },
      rounds: 1,
    });
    expect(usage(() => readSpace('{"bodyFieldWeight":0.3}'))).toBe(
      '--space: bodyFieldWeight takes a list of numbers, such as [0.3, 0.5], not 0.3',
    );
    expect(usage(() => readSpace('{"bodyFieldWeight":[]}'))).toMatch(/takes a list of numbers/);
    expect(usage(() => readSpace('{"abstainBelow":[0.5]}'))).toBe(
      '--space: abstainBelow is not searched: tune tries every threshold by itself',
    );
    expect(usage(() => readSpace('{"bodyFieldWeigth":[0.3]}'))).toMatch(
      /^--space: unknown option "bodyFieldWeigth"; options: ambiguityLead, /,
    );
    expect(usage(() => readSpace('{'))).toMatch(/^--space is not JSON: /);
    expect(usage(() => tuneArgs('--rounds', 'two'))).toBe('--rounds takes a whole number above 0, not "two"');
  });
});

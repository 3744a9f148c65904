import { describe, expect, it } from 'vitest';
import { numberedChoices } from '../../adapters/console/render.js';
import { askCli, askRequest } from '../../bin/ask-options.js';
import { createBot } from '../../src/bot/bot.js';
import { UsageError } from '../../src/errors.js';
import { loadPacks } from '../../src/knowledge/load-packs.js';
import { DEFAULT_MATCHER_OPTIONS } from '../../src/matcher/defaults.js';
import { parseCommandLine } from '../../src/runtime/cli.js';
import { runTool } from './support/run-tool.js';

/**
 * `npm run --silent ask -- --json --stdin` is used by external checks: one JSON object per input
 * line, in order, and nothing else on stdout; each line its own conversation unless
 * `--one-conversation` is given.
 */
const ask = (args: string[], input?: string) =>
  runTool('bin/ask.ts', args, { env: { LOG_LEVEL: 'info' }, ...(input !== undefined ? { input } : {}) });
const jsonLines = (stdout: string) =>
  stdout
    .trimEnd()
    .split('\n')
    .map((l) => JSON.parse(l) as Record<string, unknown>);

describe('bin/ask.ts --json --stdin', () => {
  it('prints exactly one JSON object per input line and nothing else', async () => {
    const input = ['Who is Vadim Krasikov?', '', 'What is the capital of Australia?', 'help'].join('\n');
    const run = await ask(['--json', '--stdin'], `${input}\n`);
    expect(run.code).toBe(0);
    const objects = jsonLines(run.stdout);
    expect(objects).toHaveLength(4);
    for (const o of objects) {
      expect(Object.keys(o)).toEqual(['question', 'matched', 'card', 'confidence', 'answer', 'suggestions']);
    }
    expect(objects.map((o) => o.question)).toEqual(input.split('\n'));
    expect(objects.map((o) => o.matched)).toEqual([true, false, false, false]);
    expect(typeof objects[0]?.card).toBe('string');
  }, 60_000);

  it('answers every line on its own by default, and as one conversation with --one-conversation', async () => {
    // The follow-up reads differently after "Who is Krasikov?" than alone: the same line twice,
    // before and after it, shows whether one line leans on another.
    const followUp = 'what was he sentenced to?';
    const input = `${followUp}\nWho is Krasikov?\n${followUp}\n`;
    const [apart, together] = await Promise.all([
      ask(['--json', '--stdin'], input),
      ask(['--json', '--stdin', '--one-conversation'], input),
    ]);
    const [alone, , after] = jsonLines(apart.stdout);
    expect(after).toEqual(alone);
    const [first, , followed] = jsonLines(together.stdout);
    expect(first).toEqual(alone);
    expect(followed?.card).not.toEqual(alone?.card);
    expect(String(followed?.answer)).toMatch(/Krasikov/);
  }, 60_000);

  it('with --one-conversation, a number picks from the reply before it, and one out of range says so', async () => {
    // The numbers are those the console shows: close matches, then related cards.
    const reply = await createBot(loadPacks('knowledge')).ask({
      text: 'Who is Krasikov?',
      user: 'u',
      conversation: 'c',
      platform: 'console',
    });
    const offered = numberedChoices(reply);
    expect(offered.length).toBeGreaterThan(0);
    const beyond = offered.length + 7;
    const run = await ask(['--json', '--stdin', '--one-conversation'], `Who is Krasikov?\n${beyond}\n1\n`);
    const [, outOfRange, picked] = jsonLines(run.stdout);
    expect(outOfRange).toMatchObject({ question: String(beyond), matched: false, card: null, confidence: 0 });
    expect(String(outOfRange?.answer)).toBe(
      `There is no choice ${beyond}: pick ${offered.length === 1 ? 'only 1' : `1 to ${offered.length}`}, or ask a question.`,
    );
    expect(picked).toMatchObject({ question: '1', matched: true, card: offered[0]?.card });
  }, 60_000);
});

describe('bin/ask.ts --explain', () => {
  it('shows the decision: answered at or over the threshold, declined under it', async () => {
    const run = await ask(
      ['--explain', '--stdin'],
      'Who is Krasikov?\nWhat is the capital of Australia?\nhelp\n',
    );
    expect(run.code).toBe(0);
    const decisions = run.stdout.split('\n').filter((l) => l.startsWith('Decision: '));
    expect(decisions).toHaveLength(3);
    const threshold = DEFAULT_MATCHER_OPTIONS.abstainBelow.toFixed(3);
    const answered =
      /^Decision: answered with us-russia-prisoner-exchange\/krasikov-who: confidence (\d\.\d+) ≥ threshold (\d\.\d+)$/.exec(
        decisions[0] ?? '',
      );
    expect(answered?.[2]).toBe(threshold);
    expect(Number(answered?.[1])).toBeGreaterThanOrEqual(Number(threshold));
    const declined = /^Decision: declined: best confidence (\d\.\d+) < threshold (\d\.\d+)$/.exec(
      decisions[1] ?? '',
    );
    expect(declined?.[2]).toBe(threshold);
    expect(Number(declined?.[1])).toBeLessThan(Number(threshold));
    expect(decisions[2]).toBe('Decision: built-in reply (help); no card is matched for it');
  }, 60_000);
});

describe('ask options', () => {
  const request = (...argv: string[]) => {
    const parsed = parseCommandLine(askCli, argv);
    if (!parsed.ok) throw new Error(parsed.stderr);
    return askRequest(parsed.args);
  };

  it('takes a question, or --stdin with or without --one-conversation', () => {
    expect(request('--explain', 'who', 'is', 'he?').question).toBe('who is he?');
    expect(request('--json', '--stdin', '--one-conversation').values).toMatchObject({
      json: true,
      stdin: true,
      'one-conversation': true,
    });
  });

  it.each([
    [['--json', '--explain', 'q'], '--json and --explain do not go together'],
    [['--one-conversation', 'q'], '--one-conversation goes with --stdin'],
    [['--stdin', 'q'], 'give a question or --stdin, not both'],
    [[], 'no question given'],
    [['  '], 'no question given'],
  ])('refuses %j', (argv, problem) => {
    expect(() => request(...argv)).toThrow(new UsageError(problem));
  });
});

import { spawnSync } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { stripVTControlCharacters } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createConsoleAdapter } from '../../../adapters/console/console-adapter.js';
import { renderText } from '../../../adapters/console/render.js';
import { createBot } from '../../../src/bot/bot.js';
import type { AnswerReply, NoMatchReply } from '../../../src/bot/reply.js';
import { loadPacks } from '../../../src/knowledge/load-packs.js';
import { createLogger } from '../../../src/log.js';
import { createTerminalLogs } from '../../../src/runtime/terminal-log.js';
import { runTool } from '../../bin/support/run-tool.js';
import { spawnTracked } from '../../support/children.js';

const bot = createBot(loadPacks('knowledge'));
const choice = (card: string) => ({ pack: 'p', card, title: `Title of ${card}` });

describe('console rendering', () => {
  it('lists a no-match’s choices under its own text, with no second heading', () => {
    const reply: NoMatchReply = {
      kind: 'no-match',
      text: 'I have no verified answer to that. Did you mean one of these?',
      confidence: 0.3,
      suggestions: [choice('a'), choice('b')],
    };
    expect(renderText(reply)).toBe(
      'I have no verified answer to that. Did you mean one of these?\n  1. Title of a\n  2. Title of b',
    );
  });

  it('labels an answer’s close runners-up and its related cards apart, numbered on, each card once', () => {
    const reply: AnswerReply = {
      kind: 'answer',
      card: choice('x'),
      text: 'The answer.',
      confidence: 0.9,
      citation: { sourceTitle: 'The source', sentences: ['A sentence.'] },
      suggestions: [choice('a')],
      related: [choice('a'), choice('r')],
    };
    expect(renderText(reply).split('\n')).toEqual([
      'The answer.',
      '  Source: The source',
      '  > A sentence.',
      'Other close matches:',
      '  1. Title of a',
      'Related:',
      '  2. Title of r',
    ]);
  });

  it('wraps to the width given, continuation lines under their text', () => {
    const reply: AnswerReply = {
      kind: 'answer',
      card: choice('x'),
      text: 'word '.repeat(30).trim(),
      confidence: 0.9,
      citation: { sourceTitle: 'The source', sentences: ['quoted '.repeat(20).trim()] },
      suggestions: [],
      related: [],
    };
    const lines = renderText(reply, { width: 40 }).split('\n');
    expect(lines.every((l) => l.length <= 40)).toBe(true);
    expect(lines.filter((l) => l.startsWith('  > '))).toHaveLength(1);
    expect(lines.filter((l) => l.startsWith('    quoted')).length).toBeGreaterThan(0);
    expect(renderText(reply).split('\n')[0]).toBe(reply.text); // piped: not wrapped
  });
});

/** A chat at a terminal, typed into: readline in terminal mode over streams. */
async function terminalChat(columns = 60) {
  const input = new PassThrough();
  const screen: string[] = [];
  const output = Object.assign(new PassThrough(), { columns, isTTY: true });
  output.on('data', (chunk: Buffer) => screen.push(chunk.toString()));
  const logs = createTerminalLogs({ write: (text: string) => screen.push(`[stderr]${text}`) });
  const adapter = createConsoleAdapter({ bot, input, output, interactive: true, logs });
  await adapter.start();
  const shown = () => stripVTControlCharacters(screen.join(''));
  const nextPrompt = async (after: number) => {
    while (shown().split('you> ').length - 1 <= after) await new Promise((r) => output.once('data', r));
  };
  return { input, screen, shown, nextPrompt, logs, finished: adapter.finished };
}

describe('console chat at a terminal', () => {
  it('prints a log line above the prompt, readable, and draws the prompt again with what was typed', async () => {
    const chat = await terminalChat();
    await chat.nextPrompt(0);
    chat.input.write('who is Kras'); // typed, not yet sent
    const logger = createLogger('info', chat.logs.destination);
    logger.error(
      { err: 'pack.yaml:12: cards[0].answer: required field is missing' },
      'knowledge reload failed',
    );
    const raw = chat.screen.join('');
    const at = raw.indexOf('[stderr]');
    const line = raw.slice(at + '[stderr]'.length).split('\n')[0] ?? '';
    expect(line).toMatch(
      /ERROR.*knowledge reload failed: pack\.yaml:12: cards\[0\]\.answer: required field is missing/,
    );
    expect(line.startsWith('{')).toBe(false); // not JSON
    // Before it, the prompt's line is cleared and the cursor put at its start; after it, the
    // prompt and the typed text are drawn again.
    expect(raw.slice(0, at).endsWith('\u001b[2K\u001b[1G')).toBe(true);
    expect(stripVTControlCharacters(raw.slice(at))).toMatch(/you> who is Kras$/);
    chat.input.end();
    await chat.finished;
  }, 30_000);

  it('leaves on "bye" with no prompt after the goodbye, and on Ctrl+D on a fresh line', async () => {
    const bye = await terminalChat();
    bye.input.write('bye\r');
    await bye.finished;
    expect(bye.shown().trimStart().endsWith('Goodbye!\n')).toBe(true);

    const eof = await terminalChat();
    await eof.nextPrompt(0);
    eof.input.write('\u0004'); // Ctrl+D on an empty line
    await eof.finished;
    expect(eof.shown()).toMatch(/you> \n$/);
  }, 30_000);

  it('wraps answers to the terminal’s width, and says when a number picks nothing', async () => {
    const chat = await terminalChat(50);
    await chat.nextPrompt(0);
    chat.input.write('who is Krasikov?\r');
    await chat.nextPrompt(1);
    chat.input.write('42\r');
    await chat.nextPrompt(2);
    const lines = chat.shown().split(/\r?\n/);
    expect(lines.every((l) => [...l].length <= 50)).toBe(true);
    expect(lines.some((l) => l.startsWith('There is no choice 42: pick'))).toBe(true);
    chat.input.end();
    await chat.finished;
  }, 30_000);
});

describe('npm start with piped input', () => {
  it('prints answers only, one after the other: no prompt, no control characters, no log lines', async () => {
    const run = await runTool('bin/start.ts', [], {
      input: 'who is Krasikov?\n\nlol\nwhat is the capital of Australia?\n',
    });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).not.toContain('you> ');
    expect(stripVTControlCharacters(run.stdout)).toBe(run.stdout);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^Vedim Krasikov is a Russian spy/);
    expect(lines.filter((l) => l.startsWith('Ask me anything about'))).toHaveLength(1); // "lol"
    const noMatch = lines.findIndex((l) => l.startsWith('I have no verified answer to that.'));
    expect(lines[noMatch + 1]).toMatch(/^ {2}1\. /); // its choices, with no second heading
  }, 60_000);
});

const hasScript = spawnSync('script', ['--version'], { encoding: 'utf8' }).status === 0;

/**
 * The real entry point in a pseudo-terminal (util-linux `script`): what only a terminal shows,
 * that `npm start` sees one (its width, a prompt) and leaves cleanly. Typed lines are sent once
 * the prompt is drawn, never after a delay.
 */
describe.skipIf(!hasScript)('npm start in a pseudo-terminal', () => {
  it('chats at the terminal’s width and ends on "bye" with nothing after the goodbye', async () => {
    const child = spawnTracked(
      'script',
      ['-q', '-e', '-c', 'stty cols 50 && node --import tsx bin/start.ts', '/dev/null'],
      {
        env: { PATH: process.env.PATH ?? '', TERM: 'dumb' },
        stdio: ['pipe', 'pipe', 'pipe'],
      },
    );
    let text = '';
    const prompts = () => stripVTControlCharacters(text).split('you> ').length - 1;
    const typed: string[] = ['who is Krasikov?', 'bye'];
    child.stdout?.on('data', (chunk: Buffer) => {
      text += chunk.toString();
      if (typed.length > 0 && prompts() > 2 - typed.length) child.stdin?.write(`${typed.shift()}\r`);
    });
    const code = await new Promise((resolve) => child.once('close', resolve));
    expect(code).toBe(0);
    const lines = stripVTControlCharacters(text).split(/\r?\n/);
    expect(lines.some((l) => l.startsWith('Vedim Krasikov is a Russian spy'))).toBe(true);
    expect(lines.every((l) => [...l].length <= 50)).toBe(true);
    expect(lines.filter((l) => l.trim()).at(-1)).toBe('Goodbye!');
  }, 90_000);
});

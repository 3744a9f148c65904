import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createConsoleAdapter } from '../../../adapters/console/console-adapter.js';
import { renderText } from '../../../adapters/console/render.js';
import { createBot } from '../../../src/bot/bot.js';
import type { Reply } from '../../../src/bot/reply.js';
import { loadPacks } from '../../../src/knowledge/load-packs.js';
import { memoryLogger } from '../../runtime/support/temp-knowledge.js';

const bot = createBot(loadPacks('knowledge'));
/** Control characters other than line feed and tab: what a terminal acts on instead of showing. */
const CONTROL = /[^\P{Cc}\n\t]/u;

async function chat(lines: string[], logger = memoryLogger().logger): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  const adapter = createConsoleAdapter({ bot, input, output, interactive: false, logger });
  await adapter.start();
  input.end(`${lines.join('\n')}\n`);
  await adapter.finished;
  return text;
}

describe('console output', () => {
  const hostile = [
    '\u001b[2J\u001b[H who is Krasikov?', // clear the screen, move the cursor
    'who is \u001b]0;pwned\u0007 Krasikov', // set the window title
    'harmless\rwho is Krasikov? \u0008\u0008\u0008', // overwrite the line
    '<script>alert(1)</script> <!channel> @everyone',
    '\u009b31m C1 control sequence introducer',
  ];

  it('never echoes what the user typed, and carries no terminal control characters', async () => {
    const out = await chat(hostile);
    expect(out).not.toMatch(CONTROL);
    for (const line of hostile) expect(out).not.toContain(line);
    expect(out).not.toContain('<script>');
    expect(out).not.toContain('pwned');
  });

  it('strips control characters even from card text (property)', () => {
    const text = fc.string({ unit: 'binary', maxLength: 200 });
    const reply: fc.Arbitrary<Reply> = fc.record({
      kind: fc.constant('answer' as const),
      card: fc.record({ pack: fc.constant('p'), card: fc.constant('c'), title: text }),
      text,
      confidence: fc.constant(1),
      citation: fc.record({ sourceTitle: text, sentences: fc.array(text, { maxLength: 3 }) }),
      suggestions: fc.array(fc.record({ pack: fc.constant('p'), card: fc.constant('c'), title: text }), {
        maxLength: 3,
      }),
      related: fc.constant([]),
    });
    fc.assert(
      fc.property(reply, (r) => {
        expect(renderText(r)).not.toMatch(CONTROL);
      }),
    );
  });

  it('logs each exchange at debug level: platform, conversation, card, confidence, latency, never the text', async () => {
    const log = memoryLogger('debug');
    await chat(['who is Krasikov?', 'and what about secret-marker'], log.logger);
    const entry = log.lines.find((l) => l.msg === 'answered');
    expect(entry).toMatchObject({ level: 20, platform: 'console', reply: 'answer' });
    expect(entry?.card).toMatch(/^us-russia-prisoner-exchange\//);
    expect(typeof entry?.confidence).toBe('number');
    expect(typeof entry?.latencyMs).toBe('number');
    expect(String(entry?.conversation)).toMatch(/^console-/);
    expect(JSON.stringify(log.lines)).not.toContain('secret-marker');
  });
});

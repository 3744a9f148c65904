import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createConsoleAdapter } from '../../../adapters/console/console-adapter.js';
import { createBot } from '../../../src/bot/bot.js';
import { loadPacks } from '../../../src/knowledge/load-packs.js';

describe('console conversation', () => {
  it('carries the subject from one line to the next, as a person chatting would', async () => {
    const packs = loadPacks('knowledge');
    const bot = createBot(packs);
    const input = new PassThrough();
    const output = new PassThrough();
    let text = '';
    output.on('data', (c: Buffer) => {
      text += c.toString();
    });
    const adapter = createConsoleAdapter({ bot: createBot(packs), input, output, interactive: false });
    await adapter.start();
    input.end('Who is Gershkovich?\nwhat was he sentenced to?\n');
    await adapter.finished;
    const story = packs.find((p) => p.id === 'us-russia-prisoner-exchange');
    const sentence = await bot.ask({
      text: 'What was Gershkovich sentenced to?',
      user: 'u',
      conversation: 'x',
      platform: 'console',
    });
    expect(sentence.kind).toBe('answer');
    expect(text).toContain(sentence.text);
    expect(story).toBeDefined();
  });
});

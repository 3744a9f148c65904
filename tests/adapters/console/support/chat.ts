import { PassThrough } from 'node:stream';
import { createConsoleAdapter } from '../../../../adapters/console/console-adapter.js';
import type { Bot } from '../../../../src/bot/port.js';

/** Pipes `lines` into a console chat with `bot` and resolves with everything it printed. */
export async function chat(bot: Bot, lines: readonly string[]): Promise<string> {
  const input = new PassThrough();
  const output = new PassThrough();
  let text = '';
  output.on('data', (chunk: Buffer) => {
    text += chunk.toString();
  });
  const adapter = createConsoleAdapter({ bot, input, output, interactive: false });
  await adapter.start();
  input.end(`${lines.join('\n')}\n`);
  await adapter.finished;
  return text;
}

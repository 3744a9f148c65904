import { createInterface } from 'node:readline';
import type { Adapter } from '../../src/adapter.js';
import type { Bot } from '../../src/bot/bot.js';
import type { Query } from '../../src/bot/query.js';
import type { CardChoice } from '../../src/bot/reply.js';
import { type Logger, replyFields } from '../../src/log.js';
import { numberedChoices, printable, renderText } from './render.js';

export interface ConsoleOptions {
  bot: Bot;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** A prompt and a greeting for a person at a terminal; off for piped input. */
  interactive: boolean;
  /**
   * Exchanges are logged at debug level: logs go to stderr, which shares the terminal with
   * the chat, so at the default level they stay out of the conversation.
   */
  logger?: Logger;
}

/**
 * The embedded default: a chat in the terminal. One console session is one conversation, so
 * follow-ups work as they do in a thread. Typing the number of a suggestion picks it.
 */
export function createConsoleAdapter({ bot, input, output, interactive, logger }: ConsoleOptions): Adapter {
  let resolveFinished: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    resolveFinished = resolve;
  });
  let rl: ReturnType<typeof createInterface> | undefined;
  const write = (text: string) => output.write(`${text}\n`);

  return {
    name: 'console',
    finished,
    async start() {
      rl = createInterface({ input, output, terminal: interactive, prompt: 'you> ' });
      // In a terminal readline takes Ctrl+C itself and would only pause; a person means "leave".
      rl.on('SIGINT', () => rl?.close());
      const conversation = `console-${process.pid}`;
      let choices: CardChoice[] = [];
      if (interactive) {
        write(
          printable(
            `Factdesk: ask about ${bot.packs.map((p) => p.title).join(', ')}. Type "help", or Ctrl+D to leave.`,
          ),
        );
        rl.prompt();
      }
      rl.on('line', (line) => {
        const query: Query = { text: line, user: 'console', conversation, platform: 'console' };
        const picked = /^\s*(\d{1,2})\s*$/.exec(line);
        const choice = picked ? choices[Number(picked[1]) - 1] : undefined;
        if (!interactive && !line.trim()) return;
        const startedAt = performance.now();
        const reply = choice ? bot.choose(query, choice) : bot.ask(query);
        choices = numberedChoices(reply);
        write(renderText(reply));
        logger?.debug(
          {
            platform: 'console',
            conversation,
            ...replyFields(reply),
            latencyMs: Math.round((performance.now() - startedAt) * 1000) / 1000,
          },
          'answered',
        );
        if (interactive) {
          write('');
          rl?.prompt();
        }
        if (reply.kind === 'builtin' && reply.intent === 'goodbye' && interactive) rl?.close();
      });
      rl.on('close', () => resolveFinished());
    },
    async stop() {
      rl?.close();
    },
  };
}

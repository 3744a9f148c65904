import { createInterface } from 'node:readline';
import type { Bot } from '../../src/bot/port.js';
import type { Query } from '../../src/bot/query.js';
import type { CardChoice } from '../../src/bot/reply.js';
import { type Logger, replyFields } from '../../src/log.js';
import type { Adapter, Terminal } from '../../src/platform.js';
import { createConsoleFeedback } from './feedback.js';
import { numberedChoices, printable, renderText } from './render.js';

/** `Query.platform` of the console's queries: the descriptor's name. */
export const CONSOLE = 'console';

export interface ConsoleOptions extends Terminal {
  bot: Bot;
  /**
   * Exchanges are logged at debug level: logs go to stderr, which shares the terminal with
   * the chat, so at the default level they stay out of the conversation.
   */
  logger?: Logger;
}

/**
 * The embedded default: a chat in the terminal. One console session is one conversation, so
 * follow-ups work as they do in a thread. Typing the number of a suggestion picks it. Lines are
 * answered one after the other, in order: a follow-up is read only once the line before it is
 * answered, and a number picks from the reply just printed.
 */
export function createConsoleAdapter({ bot, input, output, interactive, logger }: ConsoleOptions): Adapter {
  let resolveFinished: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    resolveFinished = resolve;
  });
  let rl: ReturnType<typeof createInterface> | undefined;
  const write = (text: string) => output.write(`${text}\n`);

  return {
    name: CONSOLE,
    finished,
    async start() {
      rl = createInterface({ input, output, terminal: interactive, prompt: 'you> ' });
      // In a terminal readline takes Ctrl+C itself and would only pause; a person means "leave".
      rl.on('SIGINT', () => rl?.close());
      const conversation = `console-${process.pid}`;
      const asker = { user: 'console', conversation, platform: CONSOLE };
      let choices: CardChoice[] = [];
      const feedback = createConsoleFeedback(bot, asker);
      if (interactive) {
        const stories = [...new Set(bot.topics().map((t) => t.packTitle))];
        write(printable(`Factdesk: ask about ${stories.join(', ')}. Type "help", or Ctrl+D to leave.`));
        rl.prompt();
      }
      const answer = async (line: string) => {
        const picked = /^\s*(\d{1,2})\s*$/.exec(line);
        const choice = picked ? choices[Number(picked[1]) - 1] : undefined;
        if (!interactive && !line.trim()) return;
        const rated = await feedback.rate(line);
        if (rated !== undefined) {
          write(printable(rated));
          if (interactive) rl?.prompt();
          return;
        }
        const from = feedback.pickedFrom;
        const query: Query = choice
          ? { ...asker, intent: { pack: choice.pack, card: choice.card, ...(from ? { from } : {}) } }
          : { ...asker, text: line };
        const startedAt = performance.now();
        const reply = await bot.ask(query).catch((error: unknown) => {
          logger?.error(
            { platform: CONSOLE, err: error instanceof Error ? error.message : String(error) },
            'failed',
          );
          return undefined;
        });
        if (!reply) {
          write('Sorry, something went wrong on my side. Please ask again.');
        } else {
          choices = numberedChoices(reply);
          feedback.seen(reply);
          write(renderText(reply));
          logger?.debug(
            {
              platform: CONSOLE,
              conversation,
              ...replyFields(reply),
              latencyMs: Math.round((performance.now() - startedAt) * 1000) / 1000,
            },
            'answered',
          );
        }
        if (interactive) {
          write('');
          rl?.prompt();
        }
        if (reply?.kind === 'builtin' && reply.intent === 'goodbye' && interactive) rl?.close();
      };
      // One line at a time, in order; the end of input waits for the last answer.
      let turn = Promise.resolve();
      rl.on('line', (line) => {
        turn = turn.then(() => answer(line));
      });
      rl.on('close', () => {
        turn.then(resolveFinished);
      });
    },
    async stop() {
      rl?.close();
    },
  };
}

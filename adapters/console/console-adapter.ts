import { clearLine, createInterface, cursorTo } from 'node:readline';
import type { Bot } from '../../src/bot/port.js';
import type { Query } from '../../src/bot/query.js';
import type { CardChoice, Reply } from '../../src/bot/reply.js';
import { type Logger, replyFields } from '../../src/log.js';
import type { Adapter, Terminal } from '../../src/platform.js';
import { createConsoleFeedback } from './feedback.js';
import { choicesAfter, readPick } from './pick.js';
import { printable, renderText, wrapText } from './render.js';

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

/** Narrowest width answers are wrapped to, however narrow the terminal says it is. */
const MIN_WIDTH = 40;

/**
 * The embedded default: a chat in the terminal. One console session is one conversation, so
 * follow-ups work as they do in a thread. Typing the number of a suggestion picks it. Lines are
 * answered one after the other, in order: a follow-up is read only once the line before it is
 * answered, and a number picks from the reply just printed.
 *
 * At a terminal, answers are wrapped to its width, log lines are printed above the prompt (which
 * is then drawn again, with what was being typed), and leaving (`bye`, Ctrl+D, Ctrl+C) ends on a
 * fresh line, so the shell's prompt does not land on `you> `.
 */
export function createConsoleAdapter({
  bot,
  input,
  output,
  interactive,
  logger,
  logs,
}: ConsoleOptions): Adapter {
  let resolveFinished: () => void = () => {};
  const finished = new Promise<void>((resolve) => {
    resolveFinished = resolve;
  });
  let rl: ReturnType<typeof createInterface> | undefined;
  const write = (text: string) => output.write(`${text}\n`);
  const width = () => {
    const columns = (output as { columns?: number }).columns;
    return interactive && columns ? Math.max(MIN_WIDTH, columns - 1) : undefined;
  };
  /** Whether `you> ` is on screen waiting for a line: what a log line or leaving must respect. */
  let prompting = false;
  let closed = false;
  const prompt = () => {
    if (closed) return;
    prompting = true;
    rl?.prompt();
  };

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
      // `+`/`-` rate the last answer; a number's pick names the reply it came from.
      const feedback = createConsoleFeedback(bot, asker);
      if (interactive) {
        logs?.interject((print) => {
          if (!prompting || closed) return print();
          // Over the prompt's line, then the prompt again with what was typed so far.
          clearLine(output, 0);
          cursorTo(output, 0);
          print();
          rl?.prompt(true);
        });
        const stories = [...new Set(bot.topics().map((t) => t.packTitle))];
        write(
          wrapText(
            printable(`Factdesk: ask about ${stories.join(', ')}. Type "help", or Ctrl+D to leave.`),
            width(),
          ),
        );
        prompt();
      }
      const show = (reply: Reply) => {
        const columns = width();
        write(renderText(reply, columns ? { width: columns } : {}));
      };
      /** The reply to a typed line: the card it picks, a pick out of range, or the bot's answer. */
      const replyTo = async (line: string): Promise<Reply | undefined> => {
        const pick = readPick(line, choices);
        if (pick && 'outOfRange' in pick) return pick.outOfRange;
        const query: Query = pick
          ? {
              ...asker,
              intent: { pack: pick.choice.pack, card: pick.choice.card, ...fromOf(feedback.pickedFrom) },
            }
          : { ...asker, text: line };
        const startedAt = performance.now();
        try {
          const reply = await bot.ask(query);
          logger?.debug(
            {
              platform: CONSOLE,
              conversation,
              ...replyFields(reply),
              latencyMs: Math.round((performance.now() - startedAt) * 1000) / 1000,
            },
            'answered',
          );
          choices = choicesAfter(choices, reply);
          feedback.seen(reply);
          return reply;
        } catch (error) {
          logger?.error(
            { platform: CONSOLE, err: error instanceof Error ? error.message : String(error) },
            'failed',
          );
          return undefined;
        }
      };
      const answer = async (line: string) => {
        if (!interactive && !line.trim()) return;
        const rated = await feedback.rate(line);
        if (rated !== undefined) {
          write(printable(rated));
          if (interactive) {
            write('');
            prompt();
          }
          return;
        }
        const reply = await replyTo(line);
        if (reply) show(reply);
        else write('Sorry, something went wrong on my side. Please ask again.');
        if (!interactive) return;
        if (reply?.kind === 'builtin' && reply.intent === 'goodbye') {
          rl?.close();
          return;
        }
        write('');
        prompt();
      };
      // One line at a time, in order; the end of input waits for the last answer.
      let turn = Promise.resolve();
      rl.on('line', (line) => {
        prompting = false;
        turn = turn.then(() => answer(line));
      });
      rl.on('close', () => {
        closed = true;
        // Ctrl+D or Ctrl+C at the prompt: end its line, so the shell's prompt starts on its own.
        if (interactive && prompting) output.write('\n');
        prompting = false;
        logs?.interject(undefined);
        turn.then(resolveFinished);
      });
    },
    async stop() {
      rl?.close();
    },
  };
}

function fromOf(exchange: string | undefined): { from?: string } {
  return exchange ? { from: exchange } : {};
}

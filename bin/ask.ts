/**
 * One-shot questions from the command line.
 *   npm run ask -- "who is Krasikov?"
 *   npm run --silent ask -- --json --stdin < questions.txt   (one JSON object per line)
 *   npm run ask -- --explain "who is Krasikov?"
 */
import { createInterface } from 'node:readline';
import { toJsonLine } from '../adapters/console/json-line.js';
import { renderText } from '../adapters/console/render.js';
import type { Query } from '../src/bot/query.js';
import { readConfig } from '../src/config.js';
import { createLogger } from '../src/log.js';
import { createCore } from '../src/runtime/core.js';
import { exitWhenDone, loadDotEnv } from '../src/runtime/entry.js';
import { formatExplanation } from './explain.js';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const flags = new Set(args.filter((a) => a.startsWith('--')));
  const question = args.filter((a) => !a.startsWith('--')).join(' ');
  loadDotEnv();
  const config = readConfig();
  // The same core as `npm start`, without its watcher: one question, or one file of them.
  const { bot } = createCore(config, createLogger(config.LOG_LEVEL ?? 'warn'));
  const conversation = `ask-${process.pid}`;
  const answer = (text: string): string => {
    if (flags.has('--explain')) return formatExplanation(bot, text);
    const query: Query = { text, user: 'cli', conversation, platform: 'console' };
    const reply = bot.ask(query);
    return flags.has('--json') ? JSON.stringify(toJsonLine(text, reply)) : renderText(reply);
  };

  if (flags.has('--stdin')) {
    for await (const line of createInterface({ input: process.stdin })) {
      process.stdout.write(`${answer(line)}\n`);
    }
    return 0;
  }
  if (!question) {
    process.stderr.write('usage: npm run ask -- [--json] [--explain] "question" | --stdin\n');
    return 2;
  }
  process.stdout.write(`${answer(question)}\n`);
  return 0;
}

exitWhenDone(main, () => undefined);

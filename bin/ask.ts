/**
 * One-shot questions from the command line.
 *   npm run ask -- "who is Krasikov?"
 *   npm run --silent ask -- --json --stdin < questions.txt   (one JSON object per line)
 *   npm run ask -- --explain "who is Krasikov?"
 */
import { createInterface } from 'node:readline';
import { CONSOLE } from '../adapters/console/console-adapter.js';
import { toJsonLine } from '../adapters/console/json-line.js';
import { renderText } from '../adapters/console/render.js';
import { readConfig } from '../src/config.js';
import { loadPacks } from '../src/knowledge/load-packs.js';
import { createLogger } from '../src/log.js';
import { createCore } from '../src/runtime/core.js';
import { exitWhenDone, loadDotEnv } from '../src/runtime/entry.js';
import { createExplainer } from '../src/tooling/explainer.js';
import { formatExplanation } from './explain.js';

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const flags = new Set(args.filter((a) => a.startsWith('--')));
  const question = args.filter((a) => !a.startsWith('--')).join(' ');
  loadDotEnv();
  const config = readConfig();
  let answer: (text: string) => Promise<string>;
  if (flags.has('--explain')) {
    const explainer = createExplainer(loadPacks(config.KNOWLEDGE_DIR), {
      maxQuestionLength: config.MAX_QUESTION_LENGTH,
    });
    answer = async (text) => formatExplanation(explainer, text);
  } else {
    // The same core as `npm start`, without its watcher: one question, or one file of them.
    // State stays in-process: one run's follow-ups are its own, whatever REDIS_URL says. It keeps no
    // exchange log: it is a tool, not a user.
    const { bot } = createCore(config, createLogger(config.LOG_LEVEL ?? 'warn'), {
      unlimited: [CONSOLE],
      sharedState: false,
      logExchanges: false,
    });
    const conversation = `ask-${process.pid}`;
    answer = async (text) => {
      const reply = await bot.ask({ text, user: 'cli', conversation, platform: CONSOLE });
      return flags.has('--json') ? JSON.stringify(toJsonLine(text, reply)) : renderText(reply);
    };
  }

  if (flags.has('--stdin')) {
    // One line at a time, in order: a follow-up is read once the line before it is answered.
    for await (const line of createInterface({ input: process.stdin })) {
      process.stdout.write(`${await answer(line)}\n`);
    }
    return 0;
  }
  if (!question) {
    process.stderr.write('usage: npm run ask -- [--json] [--explain] "question" | --stdin\n');
    return 2;
  }
  process.stdout.write(`${await answer(question)}\n`);
  return 0;
}

exitWhenDone(main, { logger: () => undefined, secrets: [] });

/**
 * One-shot questions from the command line.
 *   npm run ask -- "who is Krasikov?"
 *   npm run --silent ask -- --json --stdin < questions.txt   (one JSON object per line)
 *   npm run ask -- --explain "who is Krasikov?"
 */
import { createInterface } from 'node:readline';
import { toJsonLine } from '../adapters/console/json-line.js';
import { renderText } from '../adapters/console/render.js';
import { createBot } from '../src/bot/bot.js';
import { parsePackScope } from '../src/bot/pack-scope.js';
import type { Query } from '../src/bot/query.js';
import { readConfig } from '../src/config.js';
import { loadPacks } from '../src/knowledge/load-packs.js';
import { fatalMessage, loadDotEnv } from '../src/runtime/entry.js';
import { formatExplanation } from './explain.js';

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  const flags = new Set(args.filter((a) => a.startsWith('--')));
  const question = args.filter((a) => !a.startsWith('--')).join(' ');
  loadDotEnv();
  const config = readConfig();
  const bot = createBot(loadPacks(config.KNOWLEDGE_DIR), {
    today: new Date().toISOString().slice(0, 10),
    packsFor: parsePackScope(config.PACKS_BY_CONVERSATION),
    maxQuestionLength: config.MAX_QUESTION_LENGTH,
  });
  const conversation = `ask-${process.pid}`;
  const answer = (text: string): string => {
    if (flags.has('--explain')) return formatExplanation(bot, text);
    const query: Query = { text, user: 'cli', conversation, platform: 'console' };
    const reply = bot.ask(query);
    return flags.has('--json') ? JSON.stringify(toJsonLine(text, reply)) : renderText(reply);
  };

  if (flags.has('--stdin')) {
    for await (const line of createInterface({ input: process.stdin })) {
      if (line.trim()) process.stdout.write(`${answer(line)}\n`);
    }
    return;
  }
  if (!question) {
    process.stderr.write('usage: npm run ask -- [--json] [--explain] "question" | --stdin\n');
    process.exitCode = 2;
    return;
  }
  process.stdout.write(`${answer(question)}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`factdesk: ${fatalMessage(error)}\n`);
  process.exit(1);
});

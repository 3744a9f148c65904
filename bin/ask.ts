/**
 * Questions from the command line, answered by the same core as `npm start` (without its
 * watcher): one question, or one per input line. `npm run ask -- --help` lists the options.
 *
 * With `--stdin` every line is its own conversation unless `--one-conversation` is given: a
 * batch of unrelated questions (an eval set, a hidden test set) must not have one line read as
 * a follow-up of the line before. `--json` output is a contract kept byte for byte: exactly one
 * `{"question","matched","card","confidence","answer","suggestions":[{"card","title"}]}` per line.
 */
import { createInterface } from 'node:readline';
import { CONSOLE } from '../adapters/console/console-adapter.js';
import { toJsonLine } from '../adapters/console/json-line.js';
import { choicesAfter, readPick } from '../adapters/console/pick.js';
import { renderText } from '../adapters/console/render.js';
import type { Query } from '../src/bot/query.js';
import type { CardChoice, Reply } from '../src/bot/reply.js';
import { readConfig } from '../src/config.js';
import { loadPacks } from '../src/knowledge/load-packs.js';
import { createLogger } from '../src/log.js';
import { runTool } from '../src/runtime/cli.js';
import { createCore } from '../src/runtime/core.js';
import { loadDotEnv } from '../src/runtime/entry.js';
import { createExplainer } from '../src/tooling/explainer.js';
import { askCli, askRequest } from './ask-options.js';
import { formatDecision, formatExplanation } from './explain.js';

runTool(askCli, async (args) => {
  const { values, question } = askRequest(args);

  loadDotEnv();
  const config = readConfig();
  // State stays in-process: one run's follow-ups are its own, whatever REDIS_URL says. It keeps no
  // exchange log: it is a tool, not a user.
  const { bot } = createCore(config, createLogger(config.LOG_LEVEL ?? 'warn'), {
    unlimited: [CONSOLE],
    sharedState: false,
    logExchanges: false,
  });
  const explainer = values.explain
    ? createExplainer(loadPacks(config.KNOWLEDGE_DIR), { maxQuestionLength: config.MAX_QUESTION_LENGTH })
    : undefined;
  const render = (text: string, reply: Reply, how: { picked?: number }) => {
    if (values.json) return JSON.stringify(toJsonLine(text, reply));
    if (!explainer) return renderText(reply);
    if (how.picked !== undefined) return `${renderText(reply)}\nDecision: picked choice ${how.picked}`;
    const result = explainer.explain(text);
    return `${formatExplanation(text, result)}\n${formatDecision(reply, explainer.decide(result))}`;
  };

  let line = 0;
  let choices: CardChoice[] = [];
  const answer = async (text: string): Promise<string> => {
    line += 1;
    const conversation = values['one-conversation'] ? `ask-${process.pid}` : `ask-${process.pid}-${line}`;
    const asker = { user: 'cli', conversation, platform: CONSOLE };
    const pick = values['one-conversation'] ? readPick(text, choices) : undefined;
    if (pick && 'outOfRange' in pick) return render(text, pick.outOfRange, {});
    const query: Query = pick
      ? { ...asker, intent: { pack: pick.choice.pack, card: pick.choice.card } }
      : { ...asker, text };
    const reply = await bot.ask(query);
    choices = choicesAfter(choices, reply);
    return render(text, reply, pick ? { picked: Number(text.trim()) } : {});
  };

  if (values.stdin) {
    // One line at a time, in order: a follow-up is read once the line before it is answered.
    for await (const text of createInterface({ input: process.stdin })) {
      process.stdout.write(`${await answer(text)}\n`);
    }
    return 0;
  }
  process.stdout.write(`${await answer(question)}\n`);
  return 0;
});

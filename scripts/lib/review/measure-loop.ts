import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import { createBot } from '../../../src/bot/bot.js';
import type { Bot } from '../../../src/bot/port.js';
import { readConfig } from '../../../src/config.js';
import { createExchangeStore } from '../../../src/exchange-log/store.js';
import { logTarget } from '../../../src/exchange-log/target.js';
import { cardKey } from '../../../src/knowledge/card-key.js';
import { loadPacks } from '../../../src/knowledge/load-packs.js';
import { createLogger } from '../../../src/log.js';
import { createCore } from '../../../src/runtime/core.js';
import { createExplainer } from '../../../src/tooling/explainer.js';
import { loadEvalSet } from '../eval-set.js';
import { type EvalReport, evaluate } from '../evaluate.js';
import { addQuestion } from './add-question.js';
import { readLog } from './read-log.js';
import { buildReport } from './report.js';

const fixtureSchema = z.array(
  z.strictObject({
    q: z.string().min(1),
    card: z.string().regex(/^[a-z0-9-]+\/[a-z0-9-]+$/),
    paraphrase: z.string().min(1),
  }),
);
export type DeclinedQuestion = z.infer<typeof fixtureSchema>[number];

export function loadDeclinedQuestions(file: string): DeclinedQuestion[] {
  return fixtureSchema.parse(parse(readFileSync(file, 'utf8')));
}

export interface Tally {
  right: number;
  wrong: number;
  declined: number;
}

/** One held-out set as `npm run eval` reports it: in scope right / wrong / declined, out of scope declined. */
export type HeldOut = { set: string } & Pick<
  EvalReport,
  'inScope' | 'right' | 'wrong' | 'declined' | 'outOfScope' | 'oosDeclined'
>;

export interface LoopFigures {
  /** Fixture questions the pack declines now: the set measured. */
  declined: number;
  /** Of those, the ones whose card was among the suggestions, so that a reader could pick it. */
  pickable: number;
  proposals: number;
  accepted: number;
  refused: Array<{ question: string; card: string; why: string }>;
  before: { questions: Tally; paraphrases: Tally };
  after: { questions: Tally; paraphrases: Tally };
  heldOut: Array<{ before: HeldOut; after: HeldOut }>;
}

/** A held-out question set: its name in reports and its file. */
export interface HeldOutSet {
  name: string;
  file: string;
}

/**
 * The learning loop, end to end, on a copy of the knowledge: each declined question is asked as a
 * reader would (through the core, with the exchange log on SQLite), the reader picks the right
 * card when it is offered, the review proposes what the log shows, every proposal is accepted
 * with `--add`, and the questions, their paraphrases and the held-out sets are asked again.
 */
export async function measureLoop(options: {
  knowledgeDir: string;
  questions: readonly DeclinedQuestion[];
  /**
   * Sets nobody tuned on, asked with the whole knowledge folder loaded (as `npm run eval` runs the
   * bundled story) before and after the proposals are accepted.
   */
  heldOutSets: readonly HeldOutSet[];
}): Promise<LoopFigures> {
  const work = mkdtempSync(join(tmpdir(), 'factdesk-loop-'));
  try {
    const knowledgeDir = join(work, 'knowledge');
    cpSync(options.knowledgeDir, knowledgeDir, { recursive: true });
    const config = readConfig({
      KNOWLEDGE_DIR: knowledgeDir,
      KNOWLEDGE_WATCH: 'false',
      DATA_DIR: join(work, 'data'),
    });
    const core = createCore(config, createLogger('silent'), { unlimited: ['console'] });
    const log = core.exchangeLog;
    if (!log) throw new Error('the exchange log is off');
    await log.start();

    const original = loadPacks(knowledgeDir);
    const before = createBot(original);
    const declined: DeclinedQuestion[] = [];
    let pickable = 0;
    for (const [i, item] of options.questions.entries()) {
      const asker = { user: `reader-${i}`, conversation: `loop-${i}`, platform: 'console' };
      const reply = await core.bot.ask({ ...asker, text: item.q });
      if (reply.kind !== 'no-match') continue;
      declined.push(item);
      const offered = reply.suggestions.find((s) => cardKey(s.pack, s.card) === item.card);
      if (!offered) continue;
      pickable += 1;
      await core.bot.ask({
        ...asker,
        intent: {
          pack: offered.pack,
          card: offered.card,
          ...(reply.exchange ? { from: reply.exchange } : {}),
        },
      });
    }
    await log.stop();

    const store = createExchangeStore(logTarget(config), { readonly: true });
    await store.open();
    const logged = await readLog(store, { from: new Date(0), to: new Date(Date.now() + 60_000) });
    await store.close();
    const { report } = buildReport(logged, original, createExplainer(original));
    let accepted = 0;
    const refused: LoopFigures['refused'] = [];
    for (const p of report.proposals) {
      const outcome = addQuestion({
        knowledgeDir,
        to: cardKey(p.pack, p.card),
        question: p.question,
        maxQuestionLength: config.MAX_QUESTION_LENGTH,
        today: new Date().toISOString().slice(0, 10),
      });
      if (outcome.ok && outcome.changed) accepted += 1;
      else if (!outcome.ok)
        refused.push({ question: p.question, card: cardKey(p.pack, p.card), why: outcome.message });
    }

    const after = createBot(loadPacks(knowledgeDir));
    const heldOut = [];
    for (const set of options.heldOutSets) {
      const items = loadEvalSet(set.file);
      heldOut.push({
        before: heldOutOf(set.name, await evaluate(before, items, 'before')),
        after: heldOutOf(set.name, await evaluate(after, items, 'after')),
      });
    }
    return {
      declined: declined.length,
      pickable,
      proposals: report.proposals.length,
      accepted,
      refused,
      before: {
        questions: await tally(before, declined, 'q'),
        paraphrases: await tally(before, declined, 'paraphrase'),
      },
      after: {
        questions: await tally(after, declined, 'q'),
        paraphrases: await tally(after, declined, 'paraphrase'),
      },
      heldOut,
    };
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

async function tally(
  bot: Bot,
  items: readonly DeclinedQuestion[],
  field: 'q' | 'paraphrase',
): Promise<Tally> {
  const result: Tally = { right: 0, wrong: 0, declined: 0 };
  for (const [i, item] of items.entries()) {
    const reply = await bot.ask({
      text: item[field],
      user: 'measure',
      conversation: `m-${field}-${i}`,
      platform: 'console',
    });
    if (reply.kind !== 'answer') result.declined += 1;
    else if (cardKey(reply.card.pack, reply.card.card) === item.card) result.right += 1;
    else result.wrong += 1;
  }
  return result;
}

function heldOutOf(set: string, report: EvalReport): HeldOut {
  const { inScope, right, wrong, declined, outOfScope, oosDeclined } = report;
  return { set, inScope, right, wrong, declined, outOfScope, oosDeclined };
}

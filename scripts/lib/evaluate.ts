import type { Query } from '../../src/bot/query.js';
import type { Reply } from '../../src/bot/reply.js';
import type { EvalItem } from './eval-set.js';

/** Anything that answers a query: the bot, today synchronously, soon through a promise. */
export interface Asker {
  ask(query: Query): Reply | Promise<Reply>;
}

/** What happened to one labelled question. */
export type Outcome = 'right' | 'wrong' | 'declined' | 'oos-declined' | 'oos-answered';

export interface EvalResult {
  item: EvalItem;
  outcome: Outcome;
  /** The card answered with (`pack/card` without the pack), or the reply kind in brackets. */
  got: string;
  confidence: number;
}

export interface EvalReport {
  inScope: number;
  /** In-scope questions answered with an expected card. */
  right: number;
  /** In-scope questions answered with a card not expected: worse than a decline. */
  wrong: number;
  /** In-scope questions the bot declined. */
  declined: number;
  outOfScope: number;
  /** Out-of-scope questions the bot declined, as it should. */
  oosDeclined: number;
  /** Percentages of in-scope (right, wrong, declined) and of out-of-scope (oos*), one decimal. */
  rightPct: number;
  wrongPct: number;
  declinedPct: number;
  oosDeclinedPct: number;
  byTag: Record<string, { total: number; right: number }>;
  results: EvalResult[];
}

/**
 * Runs labelled questions through the bot exactly as users would ask them, each in its own
 * conversation so that no question is read as a follow-up of the one before.
 */
export async function evaluate(bot: Asker, items: readonly EvalItem[], label = 'eval'): Promise<EvalReport> {
  const results: EvalResult[] = [];
  for (const [i, item] of items.entries()) {
    const reply = await bot.ask({
      text: item.q,
      user: 'eval',
      conversation: `${label}-${i}`,
      platform: 'console',
    });
    const got = reply.kind === 'answer' ? reply.card.card : `(${reply.kind})`;
    const confidence = reply.kind === 'answer' || reply.kind === 'no-match' ? reply.confidence : 0;
    results.push({
      item,
      outcome: outcomeOf(item, reply.kind === 'answer' ? got : undefined),
      got,
      confidence,
    });
  }
  return summarise(results);
}

/** The outcome of answering `item` with `card` (undefined: declined). */
export function outcomeOf(item: EvalItem, card: string | undefined): Outcome {
  if (item.expect === 'none') return card === undefined ? 'oos-declined' : 'oos-answered';
  if (card === undefined) return 'declined';
  return item.expect.includes(card) ? 'right' : 'wrong';
}

export function summarise(results: EvalResult[]): EvalReport {
  const count = (o: Outcome) => results.filter((r) => r.outcome === o).length;
  const right = count('right');
  const wrong = count('wrong');
  const declined = count('declined');
  const oosDeclined = count('oos-declined');
  const inScope = right + wrong + declined;
  const outOfScope = oosDeclined + count('oos-answered');
  const byTag: EvalReport['byTag'] = {};
  for (const r of results) {
    for (const tag of r.item.tags) {
      const t = byTag[tag] ?? { total: 0, right: 0 };
      t.total++;
      if (r.outcome === 'right' || r.outcome === 'oos-declined') t.right++;
      byTag[tag] = t;
    }
  }
  return {
    inScope,
    right,
    wrong,
    declined,
    outOfScope,
    oosDeclined,
    rightPct: pct(right, inScope),
    wrongPct: pct(wrong, inScope),
    declinedPct: pct(declined, inScope),
    oosDeclinedPct: pct(oosDeclined, outOfScope),
    byTag,
    results,
  };
}

/** Adds reports up, as if their questions were one set. */
export function combine(reports: readonly EvalReport[]): EvalReport {
  return summarise(reports.flatMap((r) => r.results));
}

export function pct(n: number, d: number): number {
  return d === 0 ? 0 : Math.round((1000 * n) / d) / 10;
}

import type { Bot } from '../../src/bot/port.js';
import type { EvalItem } from './eval-set.js';

export interface EvalMiss {
  q: string;
  expected: string;
  got: string;
  confidence: number;
  tags: string[];
}

export interface EvalReport {
  inScope: number;
  inScopeRight: number;
  outOfScope: number;
  abstained: number;
  /** Percentages, one decimal. */
  inScopeAccuracy: number;
  oosAbstention: number;
  byTag: Record<string, { total: number; right: number }>;
  misses: EvalMiss[];
}

/** Runs labelled questions through the bot exactly as a user would ask them. */
export async function evaluate(bot: Bot, items: EvalItem[]): Promise<EvalReport> {
  const report: EvalReport = {
    inScope: 0,
    inScopeRight: 0,
    outOfScope: 0,
    abstained: 0,
    inScopeAccuracy: 0,
    oosAbstention: 0,
    byTag: {},
    misses: [],
  };
  for (const [i, item] of items.entries()) {
    const reply = await bot.ask({
      text: item.q,
      user: 'eval',
      conversation: `eval-${i}`,
      platform: 'console',
    });
    const got = reply.kind === 'answer' ? reply.card.card : `(${reply.kind})`;
    const confidence = reply.kind === 'answer' || reply.kind === 'no-match' ? reply.confidence : 0;
    const right = item.expect === 'none' ? reply.kind !== 'answer' : item.expect.includes(got);
    if (item.expect === 'none') {
      report.outOfScope++;
      if (right) report.abstained++;
    } else {
      report.inScope++;
      if (right) report.inScopeRight++;
    }
    for (const tag of item.tags) {
      const t = report.byTag[tag] ?? { total: 0, right: 0 };
      t.total++;
      if (right) t.right++;
      report.byTag[tag] = t;
    }
    if (!right) {
      const expected = item.expect === 'none' ? '(abstain)' : item.expect.join(' | ');
      report.misses.push({ q: item.q, expected, got, confidence, tags: item.tags });
    }
  }
  report.inScopeAccuracy = pct(report.inScopeRight, report.inScope);
  report.oosAbstention = pct(report.abstained, report.outOfScope);
  return report;
}

function pct(n: number, d: number): number {
  return d === 0 ? 0 : Math.round((1000 * n) / d) / 10;
}

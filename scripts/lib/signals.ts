/**
 * Evidence about one question and its top card, beside the matcher's confidence, for measuring
 * whether a signal tells answerable questions from on-topic ones the pack cannot answer before
 * building it into the matcher (`scripts/experiments/signals.ts`). Pure functions.
 */
import type { MatchIndex } from '../../src/matcher/build-index.js';
import type { MatchResult } from '../../src/matcher/match.js';

/** Where the question's focus words were found, as shares of their summed weight. */
export interface Evidence {
  /** In the card's examples, title or aliases. */
  examples: number;
  /** Only in the card's answer or source sentences. */
  body: number;
  /** Known to other cards of the pack, not this one. */
  elsewhere: number;
  /** Known to no card. */
  unknown: number;
  /** Focus words of the question. */
  words: number;
}

export function evidenceOf(index: MatchIndex, result: MatchResult, cardId: string): Evidence {
  const doc = index.docs.find((d) => d.id === cardId);
  const shares = { examples: 0, body: 0, elsewhere: 0, unknown: 0 };
  let total = 0;
  let words = 0;
  for (const t of result.terms) {
    if (!t.focus) continue;
    words++;
    total += t.weight;
    const field = t.known === undefined ? undefined : doc?.terms.get(t.known);
    if (t.known === undefined) shares.unknown += t.weight;
    else if (field === undefined) shares.elsewhere += t.weight;
    else if (field >= index.options.exampleFieldWeight) shares.examples += t.weight;
    else shares.body += t.weight;
  }
  const share = (x: number) => (total > 0 ? x / total : 0);
  return {
    examples: share(shares.examples),
    body: share(shares.body),
    elsewhere: share(shares.elsewhere),
    unknown: share(shares.unknown),
    words,
  };
}

/**
 * Area under the ROC curve: the chance that a value drawn from `positives` exceeds one drawn
 * from `negatives` (ties count half). 0.5 separates nothing; 0 or 1 separate perfectly.
 */
export function auc(positives: readonly number[], negatives: readonly number[]): number {
  if (positives.length === 0 || negatives.length === 0) return 0.5;
  const all = [
    ...positives.map((v) => ({ v, positive: true })),
    ...negatives.map((v) => ({ v, positive: false })),
  ].sort((a, b) => a.v - b.v);
  // Mann-Whitney: sum of the positives' ranks, ties given their mean rank.
  let rankSum = 0;
  for (let i = 0; i < all.length; ) {
    let j = i;
    while (j < all.length && all[j]?.v === all[i]?.v) j++;
    const meanRank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (all[k]?.positive) rankSum += meanRank;
    i = j;
  }
  const p = positives.length;
  return (rankSum - (p * (p + 1)) / 2) / (p * negatives.length);
}

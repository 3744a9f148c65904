import { type LabelledQuery, OOS } from './clinc-data.js';

/** What a classifier said about one query, before any abstention threshold. */
export interface Prediction {
  /** Best intent, or undefined when the classifier found nothing at all. */
  intent: string | undefined;
  /** Higher is surer; only its order matters to the threshold. */
  confidence: number;
}

export interface Scored extends Prediction {
  gold: string;
}

export function score(queries: readonly LabelledQuery[], classify: (text: string) => Prediction): Scored[] {
  return queries.map((q) => ({ ...classify(q.text), gold: q.intent }));
}

/**
 * The answer given at a threshold: the intent when confident enough, else abstention. The same
 * rule as the bot's `decide` (it abstains when the top confidence is below `abstainBelow`).
 */
export function answered(p: Prediction, threshold: number): string | undefined {
  return p.intent !== undefined && p.confidence >= threshold ? p.intent : undefined;
}

/**
 * The paper's "oos-threshold" protocol: the threshold with the best accuracy over all 151
 * classes (an out-of-scope query is right when abstained on) on validation. Sweeps every
 * distinct confidence; the threshold is put halfway to the next lower confidence so that it
 * does not sit exactly on a validation score. Ties go to the lowest threshold.
 */
export function chooseThreshold(validation: readonly Scored[]): number {
  const sorted = [...validation].sort((a, b) => b.confidence - a.confidence);
  // Threshold above everything: every query abstained on.
  let right = validation.filter((s) => s.gold === OOS).length;
  let best = right;
  let bestThreshold = Number.POSITIVE_INFINITY;
  for (let i = 0; i < sorted.length; i++) {
    const s = sorted[i] as Scored;
    if (s.intent !== undefined) {
      if (s.gold === OOS) right--;
      else if (s.intent === s.gold) right++;
    }
    const next = sorted[i + 1];
    if (next && next.confidence === s.confidence) continue;
    if (right >= best) {
      best = right;
      bestThreshold = next ? (s.confidence + next.confidence) / 2 : s.confidence;
    }
  }
  return bestThreshold;
}

export interface OosReport {
  /** Share of in-scope queries given the right intent, abstentions wrong; percent. */
  inScopeAccuracy: number;
  /** Share of out-of-scope queries abstained on; percent. */
  oosRecall: number;
  inScope: number;
  outOfScope: number;
}

export function report(scored: readonly Scored[], threshold: number): OosReport {
  let inScope = 0;
  let right = 0;
  let outOfScope = 0;
  let abstained = 0;
  for (const s of scored) {
    const got = answered(s, threshold);
    if (s.gold === OOS) {
      outOfScope++;
      if (got === undefined) abstained++;
    } else {
      inScope++;
      if (got === s.gold) right++;
    }
  }
  return {
    inScopeAccuracy: pct(right, inScope),
    oosRecall: pct(abstained, outOfScope),
    inScope,
    outOfScope,
  };
}

/** Percent with two decimals. */
function pct(n: number, d: number): number {
  return d === 0 ? 0 : Math.round((10000 * n) / d) / 100;
}

/** The q-quantile (0..1) of a list of numbers, by nearest rank. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] ?? 0;
}

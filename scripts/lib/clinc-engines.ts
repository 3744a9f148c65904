/**
 * The intent classifiers the CLINC150 benchmark compares, each built over the same training
 * queries and each reduced to "best intent + a confidence" so that one threshold procedure
 * serves them all.
 */
import Fuse from 'fuse.js';
import MiniSearch from 'minisearch';
import { buildIndex, type MatchIndex } from '../../src/matcher/build-index.js';
import type { MatcherOptions } from '../../src/matcher/defaults.js';
import { match } from '../../src/matcher/match.js';
import type { Background } from '../../src/text/background.js';
import { intentDocs, type LabelledQuery, OOS } from './clinc-data.js';
import type { Prediction } from './oos-threshold.js';

export interface IntentEngine {
  classify(text: string): Prediction;
}

/**
 * Factdesk's own matcher, exactly as the bot builds and queries it: one doc per intent, its
 * training queries as example questions. The top candidate's confidence is what `decide`
 * compares with `abstainBelow`, so thresholding it here is the bot's own abstention.
 */
export function factdeskEngine(
  train: readonly LabelledQuery[],
  background: Background,
  options: Partial<MatcherOptions> = {},
): IntentEngine & { index: MatchIndex } {
  const index = buildIndex(intentDocs(train), { background, options });
  return {
    index,
    classify(text) {
      const top = match(index, text, 1).candidates[0];
      return { intent: top?.id, confidence: top?.confidence ?? 0 };
    },
  };
}

/**
 * fuse.js with its default options over every training query: the intent of the single
 * closest query. Fuse scores 0 for a perfect match, so confidence is 1 − score.
 */
export function fuseEngine(train: readonly LabelledQuery[]): IntentEngine {
  const fuse = new Fuse(
    train.filter((q) => q.intent !== OOS),
    { keys: ['text'], includeScore: true },
  );
  return {
    classify(text) {
      const top = fuse.search(text, { limit: 1 })[0];
      return { intent: top?.item.intent, confidence: 1 - (top?.score ?? 1) };
    },
  };
}

/**
 * minisearch (BM25) over every training query: the ten best queries vote for their intents
 * with their scores; the winner's summed score is the confidence.
 */
export function minisearchEngine(train: readonly LabelledQuery[]): IntentEngine {
  const search = new MiniSearch<{ id: number; text: string; intent: string }>({
    fields: ['text'],
    storeFields: ['intent'],
  });
  search.addAll(
    train.filter((q) => q.intent !== OOS).map((q, id) => ({ id, text: q.text, intent: q.intent })),
  );
  return {
    classify(text) {
      const votes = new Map<string, number>();
      for (const hit of search.search(text).slice(0, 10)) {
        const intent = String(hit.intent);
        votes.set(intent, (votes.get(intent) ?? 0) + hit.score);
      }
      let best: Prediction = { intent: undefined, confidence: 0 };
      for (const [intent, votesFor] of votes) {
        if (votesFor > best.confidence) best = { intent, confidence: votesFor };
      }
      return best;
    },
  };
}

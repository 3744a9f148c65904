import { normalize } from '../text/normalize.js';
import { stem } from '../text/stem.js';

/**
 * A classifier over the indexed docs, learned at index time from their example questions:
 * multinomial logistic regression (softmax) on sparse lexical features. It learns, per term
 * and doc, how much the term speaks for that doc *against the others*, which the hand-set
 * coverage score cannot: "balance" is shared by a dozen banking intents while "routing" names
 * one, and function words that the analyser drops as filler ("what is your name", "how old
 * are you") can carry a whole question once many examples show which doc they belong to.
 *
 * Linear, sparse and deterministic: no neural model, no randomness beyond a fixed-seed
 * shuffle, so the same docs always give the same weights.
 */
export interface DocClassifier {
  /** Probability of each doc (by index) for the question; sums to 1. */
  probabilities(text: string, extraTerms?: Iterable<string>): Float64Array;
}

export interface ClassifierTraining {
  epochs: number;
  learningRate: number;
  /** Features seen in fewer training texts than this are dropped: they cost memory, not accuracy. */
  minCount: number;
}

/** One training text and the doc it belongs to. */
export interface LabelledText {
  doc: number;
  text: string;
  /** Analysed terms of the text (synonyms folded), added as features. */
  terms: readonly string[];
}

// Per epoch the step shrinks by this factor, so late epochs refine instead of oscillating.
const LEARNING_RATE_DECAY = 0.7;
// A text the model already gets right with this little loss (p ≥ 0.99) is revisited only every
// other epoch: late epochs then cost about half, with no loss of accuracy on CLINC150's validation split.
const SETTLED_LOSS = 0.01;
// Gradients this small change nothing a float32 weight can hold; skipping them saves time.
const NEGLIGIBLE_GRADIENT = 1e-3;

/** Docs the classifier gives at least this probability become candidates even with no term in common. */
const CANDIDATE_PROBABILITY = 0.01;

/** Indices of the docs likely enough to rank; none when there is no classifier. */
export function learnedCandidates(probabilities: Float64Array | undefined): number[] {
  const out: number[] = [];
  probabilities?.forEach((p, d) => {
    if (p >= CANDIDATE_PROBABILITY) out.push(d);
  });
  return out;
}

/**
 * Features of a text: every word stemmed (stop words too), each analysed term (synonyms
 * folded), adjacent word pairs (with a start marker, so "what is" at the start differs from
 * "is what"), and character trigrams of each word (typos and inflections share most of them).
 */
export function classifierFeatures(text: string, terms: Iterable<string> = []): string[] {
  const words = normalize(text).split(' ').filter(Boolean);
  const out = new Set<string>();
  let previous = '^';
  for (const word of words) {
    const stemmed = stem(word);
    out.add(stemmed);
    out.add(`${previous} ${stemmed}`);
    previous = stemmed;
    const padded = `<${word}>`;
    for (let i = 0; i + 3 <= padded.length; i++) out.add(`#${padded.slice(i, i + 3)}`);
  }
  for (const term of terms) out.add(term);
  return [...out];
}

export function trainDocClassifier(
  texts: readonly LabelledText[],
  docCount: number,
  training: ClassifierTraining,
): DocClassifier {
  const featuresOf = texts.map((t) => classifierFeatures(t.text, t.terms));
  const seen = new Map<string, number>();
  for (const list of featuresOf) for (const f of list) seen.set(f, (seen.get(f) ?? 0) + 1);
  const vocabulary = new Map<string, number>();
  for (const [f, count] of seen) if (count >= training.minCount) vocabulary.set(f, vocabulary.size);

  const encode = (features: Iterable<string>): Int32Array => {
    const ids: number[] = [];
    for (const f of features) {
      const id = vocabulary.get(f);
      if (id !== undefined) ids.push(id);
    }
    return Int32Array.from(ids);
  };
  const rows = featuresOf.map(encode);
  const labels = texts.map((t) => t.doc);
  const C = docCount;
  // Feature-major: one feature's weights for every doc sit together, so scoring a text reads
  // a few contiguous rows.
  const weights = new Float32Array(vocabulary.size * C);
  const bias = new Float32Array(C);

  // Softmax of the linear scores, into `scores`. Features are scaled by 1/sqrt(count) so that
  // long and short texts land on comparable scales.
  const forward = (x: Int32Array, scores: Float64Array): Float64Array => {
    const scale = 1 / Math.sqrt(x.length || 1);
    scores.set(bias);
    for (let j = 0; j < x.length; j++) {
      const row = (x[j] as number) * C;
      for (let k = 0; k < C; k++) scores[k] = (scores[k] as number) + (weights[row + k] as number) * scale;
    }
    let max = Number.NEGATIVE_INFINITY;
    for (let k = 0; k < C; k++) max = Math.max(max, scores[k] as number);
    let sum = 0;
    for (let k = 0; k < C; k++) {
      const e = Math.exp((scores[k] as number) - max);
      scores[k] = e;
      sum += e;
    }
    for (let k = 0; k < C; k++) scores[k] = (scores[k] as number) / sum;
    return scores;
  };

  const order = rows.map((_, i) => i);
  const lastLoss = new Float64Array(rows.length).fill(Number.POSITIVE_INFINITY);
  let seed = 1;
  const random = () => {
    seed = (seed * 48271) % 2147483647;
    return seed / 2147483647;
  };
  const scores = new Float64Array(C);
  const activeDocs = new Int32Array(C);
  const activeSteps = new Float64Array(C);
  let rate = training.learningRate;
  for (let epoch = 0; epoch < training.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    for (const n of order) {
      if ((lastLoss[n] as number) < SETTLED_LOSS && (epoch + n) % 2 === 1) continue;
      const x = rows[n] as Int32Array;
      const label = labels[n] as number;
      forward(x, scores);
      lastLoss[n] = -Math.log(Math.max(scores[label] as number, 1e-12));
      // Only docs with a gradient worth applying; after the first epoch that is a handful.
      const scale = rate / Math.sqrt(x.length || 1);
      let active = 0;
      for (let k = 0; k < C; k++) {
        const gradient = (scores[k] as number) - (k === label ? 1 : 0);
        if (gradient < NEGLIGIBLE_GRADIENT && gradient > -NEGLIGIBLE_GRADIENT) continue;
        bias[k] = (bias[k] as number) - rate * gradient;
        activeDocs[active] = k;
        activeSteps[active] = scale * gradient;
        active++;
      }
      for (let j = 0; j < x.length; j++) {
        const row = (x[j] as number) * C;
        for (let a = 0; a < active; a++) {
          const at = row + (activeDocs[a] as number);
          weights[at] = (weights[at] as number) - (activeSteps[a] as number);
        }
      }
    }
    rate *= LEARNING_RATE_DECAY;
  }

  return {
    probabilities(text, extraTerms = []) {
      return forward(encode(classifierFeatures(text, extraTerms)), new Float64Array(C));
    },
  };
}

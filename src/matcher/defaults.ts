/**
 * Tuning of the matcher, in one frozen object. The weights and the threshold searched by
 * `npm run tune` were chosen there on the dev questions of every evaluation story
 * (`tests/eval/stories/*`), the figures reported for them come from leave-one-story-out runs;
 * change them only with `npm run tune` and `npm run eval` before and after.
 */
export interface MatcherOptions {
  /** Weight of a term found in a card's examples, title or aliases. */
  exampleFieldWeight: number;
  /** Weight of a term found only in a card's answer or source sentences. */
  bodyFieldWeight: number;
  /** Weight of a query term no card knows, as a multiple of the largest idf. */
  unknownTermWeight: number;
  /** Multiplier of an unknown word capitalised inside the asking sentence: a name no card knows. */
  unknownNameBoost: number;
  /** Weight of a known term found outside the sentence that asks the question. */
  contextKnownWeight: number;
  /** Weight of an unknown term found outside the sentence that asks the question. */
  contextUnknownWeight: number;
  /** Unknown words at or below this many bits of English self-information count as filler. */
  commonWordBits: number;
  /** Unknown words at or above this many bits count fully. */
  rareWordBits: number;
  /** Least share of the unknown weight a very common word still carries, in the asking sentence. */
  focusCommonWordFloor: number;
  /** The same, in the context around the asking sentence. */
  commonWordFloor: number;
  /** Share of the rank given to the best single example question (the rest is coverage). */
  exampleSimilarityShare: number;
  /**
   * How docs with few example questions lean on their body: a doc with n example questions and
   * aliases has its body terms gain k / (k + n) of the way to full weight, and with n examples
   * per doc on average the closest example loses k / (k + n) of its say. 0: no difference
   * between a pack's first day and its hundredth.
   */
  fewExamples: number;
  /**
   * Confidence multiplier when no example asks the question's type but the doc's body holds
   * that kind of answer (a date for "when", a number for "how many").
   */
  answerTypeOnlyFit: number;
  /** Confidence multiplier when the question asks who/where/when/... and the card never answers that. */
  questionTypeMismatch: number;
  /** Confidence multiplier when a which/what question asks for something the doc never mentions. */
  askedForMismatch: number;
  /** Confidence multiplier when the question names a subject (a person, a thing) and the card is about another. */
  subjectMismatch: number;
  /**
   * Share of the confidence lost by a doc that leads the runner-up by nothing; it shrinks to
   * nothing as the lead grows to {@link ambiguityLead}. Runners-up lose it all.
   */
  ambiguityPenalty: number;
  /** A lead over the runner-up at which a doc is no longer a guess between two. */
  ambiguityLead: number;
  /** Below this confidence the bot abstains. */
  abstainBelow: number;
  /** A question with more terms than this is long (a paragraph), its confidence raised. */
  longQuestionTerms: number;
  /**
   * Multiplier of a long question's confidence: its chat words weigh on the coverage, so the
   * same evidence reads lower than in a short question. One threshold then serves both.
   */
  longQuestionBoost: number;
  /** Suggestions are offered when the runner-up is within this distance of the top candidate. */
  closeMargin: number;
  /** Most suggestions offered at once. */
  maxSuggestions: number;
  /** Least confidence for a card to be offered as a suggestion. */
  suggestAbove: number;
  /**
   * Unknown words more common in English than this (fewer bits) are taken as meant, not as
   * typos: "chancellor" is a word the cards lack, "gerskovich" is a name mistyped.
   */
  correctAboveBits: number;
  /** Shortest stemmed term that fuzzy correction is tried on. */
  fuzzyMinLength: number;
  /** Credit of a word read through a WordNet synonym of a doc's word, against 1 for the word itself; 0 turns it off. */
  relatedWordCredit: number;
  /** Two words are WordNet synonyms when they share one of this many most frequent senses of each. */
  wordnetMaxSenses: number;
  /** Confidence multiplier per corrected edit, so a typo counts a little less than an exact term. */
  editPenalty: number;
  /**
   * How far to trust the doc classifier learned at index time (`doc-classifier.ts`): with n
   * example questions per doc on average, it carries n / (n + this) of the confidence and the
   * coverage/example rank the rest. Weights learned from ten examples a doc are a hint; from
   * a hundred they are the best evidence there is. Infinity turns the classifier off.
   */
  classifierHalfShareAt: number;
  /**
   * The classifier is trained only when docs have at least this many examples on average: with
   * fewer it adds training time (about 200 ms for the bundled cards) and, on the card dev
   * questions, no accuracy.
   */
  classifierMinExamplesPerDoc: number;
  /** Passes of the classifier's training over the examples. */
  classifierEpochs: number;
  /** Initial step of the classifier's training; it shrinks every epoch. */
  classifierLearningRate: number;
  /** Classifier features found in fewer example texts than this are dropped. */
  classifierMinCount: number;
}

export const DEFAULT_MATCHER_OPTIONS: Readonly<MatcherOptions> = Object.freeze({
  exampleFieldWeight: 1,
  bodyFieldWeight: 0.5,
  unknownTermWeight: 0.7,
  unknownNameBoost: 1.5,
  contextKnownWeight: 0.6,
  contextUnknownWeight: 0.2,
  commonWordBits: 11,
  rareWordBits: 20,
  focusCommonWordFloor: 0.7,
  commonWordFloor: 0.2,
  exampleSimilarityShare: 0.5,
  fewExamples: 4,
  answerTypeOnlyFit: 0.8,
  questionTypeMismatch: 0.3,
  subjectMismatch: 0.85,
  askedForMismatch: 0.7,
  ambiguityPenalty: 0.3,
  ambiguityLead: 0.15,
  abstainBelow: 0.72,
  longQuestionTerms: 8,
  longQuestionBoost: 1.15,
  closeMargin: 0.06,
  maxSuggestions: 3,
  suggestAbove: 0.25,
  correctAboveBits: 17,
  fuzzyMinLength: 4,
  editPenalty: 0.08,
  relatedWordCredit: 0,
  wordnetMaxSenses: 1,
  classifierHalfShareAt: 90,
  classifierMinExamplesPerDoc: 40,
  classifierEpochs: 6,
  classifierLearningRate: 4,
  classifierMinCount: 2,
});

/** Edits allowed when correcting a typo, by length of the typed term. */
export function maxEdits(length: number): number {
  if (length < 4) return 0;
  if (length < 7) return 1;
  return 2;
}

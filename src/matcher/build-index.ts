import { type Analyzer, type AnalyzerOptions, createAnalyzer } from '../text/analyze.js';
import { answerTypes, namesListed } from '../text/answer-types.js';
import { type Background, flatBackground } from '../text/background.js';
import type { QuestionType } from '../text/english.js';
import { normalize } from '../text/normalize.js';
import type { WordNet } from '../text/wordnet.js';
import { DEFAULT_MATCHER_OPTIONS, type MatcherOptions, maxEdits } from './defaults.js';
import { type DocClassifier, trainDocClassifier } from './doc-classifier.js';
import { createFuzzyVocabulary, type FuzzyVocabulary } from './fuzzy-vocabulary.js';

/**
 * What the matcher indexes: anything with example questions. A fact card maps its questions
 * and title to `examples`, its aliases to `keywords` and its answer and source to `body`; a
 * benchmark intent maps its training queries to `examples`.
 */
export interface MatchDoc {
  id: string;
  examples: string[];
  keywords?: string[];
  body?: string[];
  /** Id of the subject (person, thing) the doc is about; see {@link BuildOptions.subjects}. */
  subject?: string;
}

/** A named subject: when a question names one, docs about other subjects are less likely. */
export interface SubjectNames {
  id: string;
  names: string[];
  /** The story itself (the swap, the event): its docs may answer about anyone in it. */
  general?: boolean;
}

export interface IndexedExample {
  doc: number;
  /** Term → tf-idf weight, L2-normalised. */
  vector: Map<string, number>;
}

export interface IndexedDoc {
  id: string;
  /** Term → field weight: how strongly the term belongs to this doc. */
  terms: Map<string, number>;
  /** Kinds of question the doc's examples ask (who, where, …). */
  questionTypes: Set<QuestionType>;
  /** Kinds of question its body can answer from what it contains (a date: when; a number: how many). */
  answerTypes: Set<QuestionType>;
  /** How many distinct names its body gives, for "which three …" questions. */
  namesListed: number;
  subject?: string;
}

/** Everything the pure `match` function reads. Built once per set of docs, never mutated. */
export interface MatchIndex {
  options: Readonly<MatcherOptions>;
  analyzer: Analyzer;
  /** How common words are in general English, to tell filler from key content. */
  background: Background;
  docs: IndexedDoc[];
  examples: IndexedExample[];
  idf: Map<string, number>;
  maxIdf: number;
  /** Term → docs that contain it. */
  docPostings: Map<string, number[]>;
  /** Term → examples that contain it. */
  examplePostings: Map<string, number[]>;
  /** Term → subjects it names ("okafor" → okafor). */
  subjectTerms: Map<string, Set<string>>;
  /** Terms that end a subject's name of two words or more ("moreau" of "Odile Moreau"). */
  familyNames: Set<string>;
  /** Term of a subject's name → the terms that follow it there ("jane" → austen). */
  nameNext: Map<string, Set<string>>;
  /** Subjects that stand for the whole story, whose docs fit whoever a question names. */
  generalSubjects: Set<string>;
  fuzzy: FuzzyVocabulary;
  /** A spelling typo correction may land on (a word as written in a doc, a synonym) → its term. */
  spellingTerms: Map<string, string>;
  /** English words of the same meaning as a doc's words (WordNet synonyms) → that doc term. */
  relatedTerms: Map<string, string>;
  /**
   * Finds the base forms of a typed word, to look it up in `relatedTerms` and to tell an English
   * word from a typo; absent without WordNet.
   */
  wordnet?: WordNet;
  /** Doc probabilities learned from the examples; absent when turned off. */
  classifier?: DocClassifier;
  /** Share of the confidence the classifier carries, from the examples per doc; 0 when off. */
  classifierShare: number;
  /** Share of the rank given to the closest example, fewer when docs have few examples. */
  exampleShare: number;
}

export interface BuildOptions {
  /** Word lists to read text with; English defaults, no synonyms unless given (a pack's own). */
  analyzer?: Partial<AnalyzerOptions>;
  background?: Background;
  /** General English synonyms, to meet a question worded unlike every doc. */
  wordnet?: WordNet;
  subjects?: SubjectNames[];
  options?: Partial<MatcherOptions>;
}

export function buildIndex(input: MatchDoc[], build: BuildOptions = {}): MatchIndex {
  const options = Object.freeze({ ...DEFAULT_MATCHER_OPTIONS, ...build.options });
  const analyzer = createAnalyzer(build.analyzer);
  const examplesPerDoc = input.reduce((sum, doc) => sum + doc.examples.length, 0) / (input.length || 1);

  const exampleTerms: Array<{ doc: number; terms: string[] }> = [];
  // Words as written ("missing", "shares"), so a typo is compared with what was typed, not a stem.
  const spellingTerms = new Map<string, string>();
  const docs: IndexedDoc[] = input.map((doc, d) => {
    const terms = new Map<string, number>();
    const add = (list: string[] | undefined, weight: number, asExamples: boolean) => {
      for (const text of list ?? []) {
        const tokens = analyzer.tokens(text);
        const analysed = tokens.map((t) => t.term);
        for (const t of tokens) if (!spellingTerms.has(t.surface)) spellingTerms.set(t.surface, t.term);
        if (asExamples && analysed.length > 0) exampleTerms.push({ doc: d, terms: analysed });
        // "Tri-Valley Health District" is asked about as "TVHD": its initials name it too.
        for (const t of [...analysed, ...initialisms(text)])
          terms.set(t, Math.max(terms.get(t) ?? 0, weight));
      }
    };
    add(doc.examples, options.exampleFieldWeight, true);
    add(doc.keywords, options.exampleFieldWeight, false);
    // A card with few example questions and aliases (a pack on its first day) leans on its answer
    // and sources: they carry every fact, its examples only some wordings of it.
    const given = doc.examples.length + (doc.keywords?.length ?? 0);
    const few = options.fewExamples / (options.fewExamples + given || 1);
    add(
      doc.body,
      options.bodyFieldWeight + (options.exampleFieldWeight - options.bodyFieldWeight) * few,
      false,
    );
    const questionTypes = new Set<QuestionType>();
    for (const q of doc.examples) {
      const type = analyzer.questionType(q);
      if (type) questionTypes.add(type);
    }
    // What the answer contains says what it can answer, beside how its examples are worded.
    const body = (doc.body ?? []).join(' ');
    return {
      id: doc.id,
      terms,
      questionTypes,
      answerTypes: answerTypes(body),
      namesListed: namesListed(body),
      ...(doc.subject ? { subject: doc.subject } : {}),
    };
  });

  const docPostings = new Map<string, number[]>();
  docs.forEach((doc, d) => {
    for (const t of doc.terms.keys()) {
      const list = docPostings.get(t) ?? [];
      list.push(d);
      docPostings.set(t, list);
    }
  });
  const idf = new Map<string, number>();
  let maxIdf = 0;
  for (const [t, list] of docPostings) {
    const value = Math.log(1 + docs.length / list.length);
    idf.set(t, value);
    maxIdf = Math.max(maxIdf, value);
  }

  const examplePostings = new Map<string, number[]>();
  const examples: IndexedExample[] = exampleTerms.map(({ doc, terms }, e) => {
    const vector = new Map<string, number>();
    for (const t of new Set(terms)) vector.set(t, idf.get(t) ?? 0);
    const norm = Math.hypot(...vector.values()) || 1;
    for (const [t, w] of vector) {
      vector.set(t, w / norm);
      const list = examplePostings.get(t) ?? [];
      list.push(e);
      examplePostings.set(t, list);
    }
    return { doc, vector };
  });

  // Typos are corrected towards any known term, any word as written in a doc, or any synonym of
  // a known term ("agnet" → agent → spy, "missng" → missing → miss).
  for (const t of docPostings.keys()) spellingTerms.set(t, t);
  for (const [variant, canonical] of analyzer.synonyms)
    if (docPostings.has(canonical) && !spellingTerms.has(variant)) spellingTerms.set(variant, canonical);
  for (const [spelling, term] of spellingTerms) if (!docPostings.has(term)) spellingTerms.delete(spelling);
  const relatedTerms = new Map<string, string>();
  const { wordnet } = build;
  if (wordnet && options.relatedWordCredit > 0) {
    for (const [spelling, term] of spellingTerms) {
      for (const lemma of wordnet.lemmas(spelling)) {
        for (const other of wordnet.synonyms(lemma, options.wordnetMaxSenses)) {
          if (!spellingTerms.has(other) && !relatedTerms.has(other)) relatedTerms.set(other, term);
        }
      }
    }
  }
  const fuzzy = createFuzzyVocabulary(
    spellingTerms.keys(),
    (t) => docPostings.get(spellingTerms.get(t) ?? t)?.length ?? 0,
    { minLength: options.fuzzyMinLength, maxEdits },
  );

  const subjectTerms = new Map<string, Set<string>>();
  const nameNext = new Map<string, Set<string>>();
  for (const subject of build.subjects ?? []) {
    for (const name of subject.names) {
      const terms = analyzer.terms(name);
      for (const [i, t] of terms.entries()) {
        subjectTerms.set(t, (subjectTerms.get(t) ?? new Set()).add(subject.id));
        const next = terms[i + 1];
        if (next) nameNext.set(t, (nameNext.get(t) ?? new Set()).add(next));
      }
    }
  }
  // Every name part but a first one follows another.
  const familyNames = new Set([...nameNext.values()].flatMap((next) => [...next]));
  const background = build.background ?? flatBackground;
  const classifier =
    Number.isFinite(options.classifierHalfShareAt) && examplesPerDoc >= options.classifierMinExamplesPerDoc
      ? buildClassifier(input, analyzer, options)
      : undefined;
  return {
    options,
    analyzer,
    background,
    docs,
    examples,
    idf,
    maxIdf,
    docPostings,
    examplePostings,
    subjectTerms,
    familyNames,
    nameNext,
    generalSubjects: new Set((build.subjects ?? []).filter((s) => s.general).map((s) => s.id)),
    fuzzy,
    spellingTerms,
    relatedTerms,
    ...(wordnet ? { wordnet } : {}),
    ...(classifier ? { classifier } : {}),
    classifierShare: classifier ? examplesPerDoc / (examplesPerDoc + options.classifierHalfShareAt) : 0,
    exampleShare:
      options.exampleSimilarityShare *
      (1 - options.fewExamples / (options.fewExamples + examplesPerDoc || 1)),
  };
}

/**
 * Initials of the capitalised names in a text ("Safety Investigation Authority" → sia,
 * "Tri-Valley Health District" → tvhd): a name of three or more capitalised words, or hyphen
 * parts, is often asked about by its initials. Short function words inside a name are skipped.
 */
export function initialisms(text: string): string[] {
  const found: string[] = [];
  const names =
    text.match(/\p{Lu}[\p{L}’']*(?:[\s-]+(?:(?:of|and|for|the|on|in|de|du|la|&)\s+)*\p{Lu}[\p{L}’']*)+/gu) ??
    [];
  for (const name of names) {
    const parts = name
      .split(/[\s-]+/)
      .filter((w, i) => /^\p{Lu}/u.test(w) && !(i === 0 && /^(The|A|An)$/.test(w)));
    if (parts.length >= 3) found.push(parts.map((w) => w.charAt(0).toLowerCase()).join(''));
  }
  return found.map((a) => normalize(a)).filter((a) => /^[a-z]{3,}$/.test(a));
}

/** Trains the doc classifier on what users would type for each doc: its examples and keywords. */
function buildClassifier(
  input: MatchDoc[],
  analyzer: Analyzer,
  options: Readonly<MatcherOptions>,
): DocClassifier {
  const texts = input.flatMap((doc, d) =>
    [...doc.examples, ...(doc.keywords ?? [])].map((text) => ({ doc: d, text, terms: analyzer.terms(text) })),
  );
  return trainDocClassifier(texts, input.length, {
    epochs: options.classifierEpochs,
    learningRate: options.classifierLearningRate,
    minCount: options.classifierMinCount,
  });
}

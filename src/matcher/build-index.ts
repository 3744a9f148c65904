import { type Analyzer, type AnalyzerOptions, createAnalyzer } from '../text/analyze.js';
import { type Background, flatBackground } from '../text/background.js';
import type { QuestionType } from '../text/english.js';
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
  /** Term → subjects it names ("whelan" → whelan). */
  subjectTerms: Map<string, Set<string>>;
  /** Subjects that stand for the whole story, whose docs fit whoever a question names. */
  generalSubjects: Set<string>;
  fuzzy: FuzzyVocabulary;
  /** Doc probabilities learned from the examples; absent when turned off. */
  classifier?: DocClassifier;
  /** Share of the confidence the classifier carries, from the examples per doc; 0 when off. */
  classifierShare: number;
}

export interface BuildOptions {
  /** Word lists to read text with; English defaults, no synonyms unless given (a pack's own). */
  analyzer?: Partial<AnalyzerOptions>;
  background?: Background;
  subjects?: SubjectNames[];
  options?: Partial<MatcherOptions>;
}

export function buildIndex(input: MatchDoc[], build: BuildOptions = {}): MatchIndex {
  const options = Object.freeze({ ...DEFAULT_MATCHER_OPTIONS, ...build.options });
  const analyzer = createAnalyzer(build.analyzer);

  const exampleTerms: Array<{ doc: number; terms: string[] }> = [];
  const docs: IndexedDoc[] = input.map((doc, d) => {
    const terms = new Map<string, number>();
    const add = (list: string[] | undefined, weight: number, asExamples: boolean) => {
      for (const text of list ?? []) {
        const analysed = analyzer.terms(text);
        if (asExamples && analysed.length > 0) exampleTerms.push({ doc: d, terms: analysed });
        for (const t of analysed) terms.set(t, Math.max(terms.get(t) ?? 0, weight));
      }
    };
    add(doc.examples, options.exampleFieldWeight, true);
    add(doc.keywords, options.exampleFieldWeight, false);
    add(doc.body, options.bodyFieldWeight, false);
    const questionTypes = new Set<QuestionType>();
    for (const q of doc.examples) {
      const type = analyzer.questionType(q);
      if (type) questionTypes.add(type);
    }
    return { id: doc.id, terms, questionTypes, ...(doc.subject ? { subject: doc.subject } : {}) };
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

  // Typos are corrected towards any known term or any synonym of one ("agnet" → agent → spy).
  const spellings = [...docPostings.keys()];
  for (const [variant, canonical] of analyzer.synonyms)
    if (docPostings.has(canonical)) spellings.push(variant);
  const fuzzy = createFuzzyVocabulary(spellings, (t) => docPostings.get(t)?.length ?? 0, {
    threshold: options.fuseThreshold,
    minLength: options.fuzzyMinLength,
    maxEdits,
  });

  const subjectTerms = new Map<string, Set<string>>();
  for (const subject of build.subjects ?? []) {
    for (const name of subject.names) {
      for (const t of analyzer.terms(name))
        subjectTerms.set(t, (subjectTerms.get(t) ?? new Set()).add(subject.id));
    }
  }
  const background = build.background ?? flatBackground;
  const examplesPerDoc = input.reduce((sum, doc) => sum + doc.examples.length, 0) / (input.length || 1);
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
    generalSubjects: new Set((build.subjects ?? []).filter((s) => s.general).map((s) => s.id)),
    fuzzy,
    ...(classifier ? { classifier } : {}),
    classifierShare: classifier ? examplesPerDoc / (examplesPerDoc + options.classifierHalfShareAt) : 0,
  };
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

import type { QuestionType } from '../text/english.js';
import type { MatchIndex } from './build-index.js';
import { learnedCandidates } from './doc-classifier.js';
import { editDistance } from './edit-distance.js';

/** One term of the question, as the matcher understood it. */
export interface QueryTerm {
  /** The analysed term as typed. */
  typed: string;
  /** The known term it was read as (itself, or a typo correction); absent when no card knows it. */
  known?: string;
  edits: number;
  /** How surely the term is the known one: 1 as typed, less for a typo or a WordNet synonym. */
  strength: number;
  /** False when the term comes from the context around the question, not the question itself. */
  focus: boolean;
  /** How much the term counts: its rarity across cards, or a high weight when unknown. */
  weight: number;
}

export interface Candidate {
  id: string;
  /** Share of the question's weighted terms this doc covers, in [0, 1]. */
  coverage: number;
  /** Cosine similarity to the doc's closest example question, in [0, 1]. */
  exampleSimilarity: number;
  /** False when the question asks who/where/when/… and none of the doc's examples does. */
  questionTypeFits: boolean;
  /** False when the question names subjects and this doc is about none of them nor names them. */
  subjectFits: boolean;
  /**
   * False when a which/what question asks for something this doc never mentions, or for more
   * names ("which three schools") than it lists.
   */
  askedForFits: boolean;
  /** Probability the doc classifier learned at index time gives this doc; 0 when it is off. */
  learned: number;
  /** In [0, 1]; the bot answers only above its abstention threshold. */
  confidence: number;
  /** Known terms of the question found in this doc. */
  matchedTerms: string[];
}

export interface MatchResult {
  terms: QueryTerm[];
  /** Subjects the question names. */
  subjects: string[];
  questionType?: QuestionType;
  /** Best first. */
  candidates: Candidate[];
}

/**
 * Ranks the indexed docs for a question. Pure: the same index and text give the same result.
 * Evidence: coverage of the question's terms weighted by rarity (terms no card knows count
 * against every card), the closest example question, and the kind of question asked; when
 * the docs have examples enough to learn from, also the classifier trained on them.
 */
export function match(index: MatchIndex, typed: string, limit = 5): MatchResult {
  const { options, analyzer } = index;
  const text = analyzer.spellQuestionWords(typed, (word) => index.spellingTerms.has(word));
  const terms = readTerms(index, text);
  const questionType = analyzer.questionType(text);
  // A word read as filler ("peple", a mistyped "people") asks for nothing.
  const askedFor = analyzer.askedFor(text).flatMap((t) => {
    const term = terms.find((q) => q.typed === t);
    return term ? [term.known ?? t] : [];
  });
  const namesAsked = analyzer.namesAsked(text);
  // Context around the asking sentence can only add evidence: its terms count when a doc has them.
  const totalWeight = terms.reduce((sum, t) => sum + (t.focus ? t.weight : 0), 0);
  const subjects = new Set<string>();
  const subjectWords = new Map<string, string[]>();
  for (const t of terms) {
    if (!t.focus || !t.known) continue;
    for (const s of index.subjectTerms.get(t.known) ?? []) {
      subjects.add(s);
      subjectWords.set(s, [...(subjectWords.get(s) ?? []), t.known]);
    }
  }
  const base = { terms, subjects: [...subjects], ...(questionType ? { questionType } : {}) };
  // A question of function words only ("how are you") is still a question to a learned classifier.
  if (totalWeight === 0 && !terms.some((t) => t.known) && !index.classifier)
    return { ...base, candidates: [] };

  const credit = (t: QueryTerm) => t.weight * t.strength;
  const covered = new Map<number, number>();
  const contextSeen = new Map<number, number>();
  for (const t of terms) {
    if (!t.known) continue;
    for (const d of index.docPostings.get(t.known) ?? []) {
      const fieldWeight = index.docs[d]?.terms.get(t.known) ?? 0;
      covered.set(d, (covered.get(d) ?? 0) + credit(t) * fieldWeight);
      if (!t.focus) contextSeen.set(d, (contextSeen.get(d) ?? 0) + t.weight);
    }
  }

  const queryNorm = Math.hypot(...terms.map((t) => t.weight)) || 1;
  const bestExample = new Map<number, number>();
  const dots = new Map<number, number>();
  for (const t of terms) {
    if (!t.known) continue;
    const q = credit(t) / queryNorm;
    for (const e of index.examplePostings.get(t.known) ?? []) {
      dots.set(e, (dots.get(e) ?? 0) + q * (index.examples[e]?.vector.get(t.known) ?? 0));
    }
  }
  for (const [e, dot] of dots) {
    const d = index.examples[e]?.doc ?? -1;
    if (dot > (bestExample.get(d) ?? 0)) bestExample.set(d, dot);
  }

  const learned = index.classifier?.probabilities(
    text,
    terms.flatMap((t) => (t.known ? [t.known] : [])),
  );
  for (const d of learnedCandidates(learned)) if (!covered.has(d)) covered.set(d, 0);

  const share = index.exampleShare;
  const lengthBoost = terms.length > options.longQuestionTerms ? options.longQuestionBoost : 1;
  const candidates: Candidate[] = [];
  for (const [d, weight] of covered) {
    const doc = index.docs[d];
    if (!doc) continue;
    const coverage = Math.min(1, weight / (totalWeight + (contextSeen.get(d) ?? 0) || 1));
    const exampleSimilarity = Math.min(1, bestExample.get(d) ?? 0);
    // "Who is X?" is answered by the doc about X, whatever its examples ask.
    const aboutNamed = doc.subject !== undefined && subjects.has(doc.subject);
    const typeAsked =
      !questionType || doc.questionTypes.has(questionType) || (questionType === 'who' && aboutNamed);
    const typeAnswered = questionType !== undefined && doc.answerTypes.has(questionType);
    const questionTypeFits = typeAsked || typeAnswered;
    const typeFactor = typeAsked
      ? 1
      : typeAnswered
        ? Math.max(options.answerTypeOnlyFit, options.questionTypeMismatch)
        : options.questionTypeMismatch;
    // A doc fits the named subjects when it is about one of them or mentions each of them.
    const subjectFits =
      subjects.size === 0 ||
      (doc.subject !== undefined && index.generalSubjects.has(doc.subject)) ||
      (doc.subject !== undefined && subjects.has(doc.subject)) ||
      [...subjectWords.values()].every((words) => words.some((w) => doc.terms.has(w)));
    // "Which three pools close?" is not answered by "three pools will close", which names none.
    const askedForFits =
      askedFor.every((t) => doc.terms.has(t)) && doc.namesListed >= Math.min(namesAsked, 3);
    const probability = learned?.[d] ?? 0;
    const rank =
      (1 - index.classifierShare) * coverage * (1 - share + share * exampleSimilarity) +
      index.classifierShare * probability;
    candidates.push({
      id: doc.id,
      coverage,
      exampleSimilarity,
      questionTypeFits,
      subjectFits,
      askedForFits,
      learned: probability,
      confidence: Math.min(
        1,
        lengthBoost *
          rank *
          typeFactor *
          (subjectFits ? 1 : options.subjectMismatch) *
          (askedForFits ? 1 : options.askedForMismatch),
      ),
      matchedTerms: terms.filter((t) => t.known && doc.terms.has(t.known)).map((t) => t.known as string),
    });
  }
  candidates.sort((a, b) => b.confidence - a.confidence || a.id.localeCompare(b.id));
  // A doc barely ahead of another is a guess between them: answering risks the wrong card.
  const [first, second] = candidates;
  // A classifier's probabilities already share out what is ambiguous: the penalty applies to
  // the rest of the confidence only.
  const penalty = options.ambiguityPenalty * (1 - index.classifierShare);
  if (first && penalty > 0) {
    const lead = first.confidence - (second?.confidence ?? 0);
    const clear = Math.min(1, lead / options.ambiguityLead);
    const factor = 1 - penalty * (1 - clear);
    for (const c of candidates) c.confidence *= c === first ? factor : 1 - penalty;
  }
  return { ...base, candidates: candidates.slice(0, limit) };
}

function readTerms(index: MatchIndex, text: string): QueryTerm[] {
  const { options, background } = index;
  const seen = new Map<string, { surface: string; focus: boolean; proper: boolean; implied: boolean }>();
  const tokens = index.analyzer.tokens(text);
  for (const [i, typed] of tokens.entries()) {
    // "Jane Austin" for Jane Austen: a word one edit from the name part that follows the one
    // before it is that name, even when it is an English word of its own.
    const after = index.nameNext.get(tokens[i - 1]?.term ?? '');
    const name =
      after && !index.idf.has(typed.term) && [...after].find((n) => editDistance(typed.term, n, 1) <= 1);
    const t = name ? { ...typed, term: name, surface: name } : typed;
    // "Odette Moreau", "Bea Anselm Ward": a given name no card knows, before a family name
    // the cards do know, is the subject's own name written otherwise, not something else asked.
    const next = tokens[i + 1];
    if (t.proper && !index.idf.has(t.term) && next?.proper && index.familyNames.has(next.term)) continue;
    // A word that names the kind of answer ("how many" → number, "amount", "date") counts only
    // where a doc has it: a card answers "budget gap size" without saying "size".
    if (t.implied && !index.idf.has(t.term)) continue;
    const prior = seen.get(t.term);
    seen.set(t.term, {
      surface: prior?.surface ?? t.surface,
      focus: (prior?.focus ?? false) || t.focus,
      proper: (prior?.proper ?? false) || (t.focus && t.proper),
      implied: (prior?.implied ?? true) && t.implied === true,
    });
  }
  return [...seen].flatMap(([term, { surface, focus, proper, implied }]): QueryTerm[] => {
    const scope = focus ? 1 : options.contextKnownWeight;
    const idf = index.idf.get(term);
    // A word naming the kind of answer counts as context does, for a doc that has it, but fully.
    if (idf !== undefined)
      return [
        {
          typed: term,
          known: term,
          edits: 0,
          strength: 1,
          focus: focus && !implied,
          weight: implied ? idf : idf * scope,
        },
      ];
    const bits = background.bits(surface);
    const lemmas = index.wordnet?.lemmas(surface) ?? [];
    // "whaat", "wich", "befor", "wil": a mistyped function word carries no content.
    if (
      bits >= options.correctAboveBits &&
      (isMistypedStopWord(surface) ||
        index.analyzer.nearStopWord(surface, index.wordnet !== undefined && lemmas.length === 0))
    )
      return [];
    // A word English has ("allegedly", "seminar") is meant as typed, not a typo of a card's word
    // ("allow", "similar"): typos of rare words are rarely words themselves. But a word English
    // barely uses ("sorrel") one edit from a subject's name English barely uses ("Sorell", not
    // "leader") is that name mistyped.
    const typo = bits >= options.correctAboveBits && (lemmas.length === 0 || bits >= options.rareWordBits);
    const fix = typo ? closest(index, term, surface) : undefined;
    // A typo may land on a word as written or a synonym ("agnet" → agent); read it as its term.
    const fixed = fix && index.spellingTerms.get(fix.term);
    const nameTypo =
      fix?.edits === 1 &&
      fixed !== undefined &&
      index.subjectTerms.has(fixed) &&
      background.bits(fix.term) >= options.rareWordBits;
    const known = lemmas.length === 0 || nameTypo ? fixed : undefined;
    // A capitalised word two edits from a term is more likely a name no card knows ("Navalny"
    // is not "naval") unless it is near a name the cards do know ("Gerskovitch").
    const nameMiss =
      proper && fix !== undefined && fix.edits > 1 && !(known && index.subjectTerms.has(known));
    if (fix && known && !nameMiss) {
      const strength = 1 - options.editPenalty * fix.edits;
      return [
        {
          typed: term,
          known,
          edits: fix.edits,
          strength,
          focus,
          weight: (index.idf.get(known) ?? 0) * scope,
        },
      ];
    }
    // A word of the same meaning as a doc's word ("physician" for "doctor"), by WordNet.
    const related = lemmas.find((lemma) => index.relatedTerms.has(lemma));
    const relatedTerm = related && index.relatedTerms.get(related);
    if (relatedTerm && !proper) {
      const weight = (index.idf.get(relatedTerm) ?? 0) * scope;
      return [
        { typed: term, known: relatedTerm, edits: 0, strength: options.relatedWordCredit, focus, weight },
      ];
    }
    // Unknown: key content if the word is rare in English, mostly filler if it is common.
    const rarity =
      (background.bits(surface) - options.commonWordBits) / (options.rareWordBits - options.commonWordBits);
    const share = Math.min(
      1,
      Math.max(focus ? options.focusCommonWordFloor : options.commonWordFloor, rarity),
    );
    const unknownScope = (focus ? 1 : options.contextUnknownWeight) * (proper ? options.unknownNameBoost : 1);
    return [
      {
        typed: term,
        edits: 0,
        strength: 0,
        focus,
        weight: options.unknownTermWeight * index.maxIdf * share * unknownScope,
      },
    ];
  });
}

/** The known spelling nearest the word as typed or as stemmed, fewest edits first. */
function closest(index: MatchIndex, term: string, surface: string) {
  const fromTerm = index.fuzzy.correct(term);
  const fromSurface = surface === term ? undefined : index.fuzzy.correct(surface);
  if (!fromSurface) return fromTerm;
  return !fromTerm || fromSurface.edits < fromTerm.edits ? fromSurface : fromTerm;
}

// Words typed in nearly every question, so a near miss of one is almost surely that word.
const QUESTION_WORDS = [
  'what',
  'which',
  'where',
  'when',
  'whose',
  'does',
  'were',
  'they',
  'there',
  'their',
  'about',
  'with',
  'this',
  'that',
];

function isMistypedStopWord(word: string): boolean {
  if (word.length < 3 || word.length > 6) return false;
  return QUESTION_WORDS.some((w) => editDistance(word, w, 1) <= 1);
}

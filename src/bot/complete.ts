import MiniSearch from 'minisearch';
import type { Pack } from '../knowledge/types.js';
import { normalize } from '../text/normalize.js';

/**
 * Completes a question while it is still being typed (Discord's slash-command autocomplete, or
 * any other platform that offers it): whole questions, best first, drawn from the cards' titles
 * and example questions. Pure: the index is built once from the packs, and a call does no I/O.
 */
export type QuestionCompleter = (typed: string, limit: number) => string[];

interface Entry {
  id: number;
  /** As shown to the user. */
  text: string;
  /** As searched: normalised like the matcher's input, so accents and apostrophes don't matter. */
  folded: string;
}

/** Words of four letters or more may carry one typo ("krasikow"), eight or more two. */
const FUZZY = 0.2;
const fuzzyFor = (term: string) => (term.length >= 4 ? FUZZY : false);

export function createQuestionCompleter(packs: readonly Pack[]): QuestionCompleter {
  const cards = packs.flatMap((pack) => pack.cards);
  const titles = cards.map((card) => card.title);
  // Example questions that start in lower case are deliberately sloppy phrasings ("how many ppl
  // got traded") kept to test the matcher; offered as completions they would look careless.
  const questions = cards.flatMap((card) => card.questions.filter((q) => /^\p{Lu}/u.test(q)));
  const entries: Entry[] = [];
  const seen = new Set<string>();
  for (const text of [...titles, ...questions]) {
    const folded = normalize(text);
    if (!folded || seen.has(folded)) continue;
    seen.add(folded);
    entries.push({ id: entries.length, text, folded });
  }
  // A radix tree of the folded words: the word being typed (the last) is looked up as a prefix,
  // every word as itself or within a typo; each typed word must be found ("who is kras" finds
  // "Who is Maria Okafor?"). Text is already folded, so minisearch's tokenizer only splits it.
  const index = new MiniSearch<Entry>({
    fields: ['folded'],
    tokenize: (text) => text.split(' '),
    processTerm: (term) => term || null,
  });
  index.addAll(entries);

  return (typed, limit) => {
    const max = Math.max(0, Math.floor(limit));
    if (max === 0) return [];
    const folded = normalize(typed);
    if (!folded) return titles.slice(0, max);
    const hits = index.search(folded, {
      combineWith: 'AND',
      prefix: (_term, i, terms) => i === terms.length - 1,
      fuzzy: fuzzyFor,
    });
    // What the typed text literally begins comes first, then questions with the typed words in
    // the typed order, then the rest; each in score order.
    const words = folded.split(' ');
    const tiers: string[][] = [[], [], []];
    for (const hit of hits) {
      const entry = entries[hit.id as number];
      if (!entry) continue;
      const tier = entry.folded.startsWith(folded) ? 0 : inOrder(entry.folded, words) ? 1 : 2;
      tiers[tier]?.push(entry.text);
      if (tier === 0 && tiers[0]?.length === max) break;
    }
    return tiers.flat().slice(0, max);
  };
}

/** Whether `words` occur in `text` in this order, the last one possibly cut short. */
function inOrder(text: string, words: readonly string[]): boolean {
  let from = 0;
  for (const [i, word] of words.entries()) {
    const at = ` ${text} `.indexOf(` ${word}${i === words.length - 1 ? '' : ' '}`, from);
    if (at < 0) return false;
    from = at + word.length + 1;
  }
  return true;
}

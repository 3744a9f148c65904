import Fuse from 'fuse.js';
import type { Pack } from '../knowledge/types.js';
import { normalize } from '../text/normalize.js';

/**
 * Completes a question while it is still being typed (Discord's slash-command autocomplete, or
 * any other platform that offers it): whole questions, best first, drawn from the cards' titles
 * and example questions. Pure: the index is built once from the packs, and a call does no I/O.
 */
export type QuestionCompleter = (typed: string, limit: number) => string[];

interface Entry {
  /** As shown to the user. */
  text: string;
  /** As searched: normalised like the matcher's input, so accents and apostrophes don't matter. */
  folded: string;
}

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
    entries.push({ text, folded });
  }
  // Token search scores each typed word against each entry's words, fuzzily and anywhere, so a
  // half-typed last word ("who is kras") still finds "Who is Vedim Krasikov?".
  const fuse = new Fuse(entries, {
    keys: ['folded'],
    useTokenSearch: true,
    ignoreLocation: true,
    threshold: 0.4,
  });

  return (typed, limit) => {
    const max = Math.max(0, Math.floor(limit));
    if (max === 0) return [];
    const folded = normalize(typed);
    if (!folded) return titles.slice(0, max);
    return fuse.search(folded, { limit: max }).map((result) => result.item.text);
  };
}

import Fuse from 'fuse.js';
import { editDistance } from './edit-distance.js';

export interface Correction {
  term: string;
  edits: number;
}

/**
 * Finds the known term a typed word was meant to be ("gerskovich" → "gershkovich"). fuse.js
 * proposes candidates; an edit-distance bound then accepts only real near misses, because
 * fuse alone also matches a short word inside a long one.
 */
export interface FuzzyVocabulary {
  correct(term: string): Correction | undefined;
}

export function createFuzzyVocabulary(
  terms: Iterable<string>,
  popularity: (term: string) => number,
  options: { threshold: number; minLength: number; maxEdits: (length: number) => number },
): FuzzyVocabulary {
  // One fuse index per term length keeps each search to the few terms that could be near misses.
  const byLength = new Map<number, string[]>();
  for (const term of terms) {
    if (term.length < options.minLength - 1) continue;
    const list = byLength.get(term.length) ?? [];
    list.push(term);
    byLength.set(term.length, list);
  }
  const fuses = new Map<number, Fuse<string>>();
  const longest = Math.max(0, ...byLength.keys());
  for (let length = options.minLength; length <= Math.min(longest + 2, 32); length++) {
    const near: string[] = [];
    const edits = options.maxEdits(length);
    for (let l = length - edits; l <= length + edits; l++) near.push(...(byLength.get(l) ?? []));
    if (near.length > 0) {
      fuses.set(
        length,
        new Fuse(near, { threshold: options.threshold, ignoreLocation: true, isCaseSensitive: true }),
      );
    }
  }

  return {
    correct(term) {
      const fuse = fuses.get(term.length);
      if (!fuse || /\d/.test(term)) return undefined;
      const limit = options.maxEdits(term.length);
      let best: Correction | undefined;
      let bestPopularity = -1;
      for (const { item } of fuse.search(term, { limit: 8 })) {
        const edits = editDistance(term, item, limit);
        if (edits > limit) continue;
        const pop = popularity(item);
        if (!best || edits < best.edits || (edits === best.edits && pop > bestPopularity)) {
          best = { term: item, edits };
          bestPopularity = pop;
        }
      }
      return best;
    },
  };
}

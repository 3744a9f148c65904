import { editDistance } from './edit-distance.js';
import { createNearMissIndex } from './near-miss.js';

export interface Correction {
  term: string;
  edits: number;
}

/**
 * Finds the known term a typed word was meant to be ("okafer" → "okafor"): of the known terms
 * within the edit-distance bound (found by a deletion index), the fewest edits win, then the
 * most popular term. fuse.js used to score these candidates once more against its threshold;
 * that turned down corrections inside the bound ("yaer" → year, a swap it counts as two
 * changes) and let through none the bound did not, so the bound alone decides.
 */
export interface FuzzyVocabulary {
  correct(term: string): Correction | undefined;
}

export function createFuzzyVocabulary(
  terms: Iterable<string>,
  popularity: (term: string) => number,
  options: { minLength: number; maxEdits: (length: number) => number },
): FuzzyVocabulary {
  // A term one letter shorter than the shortest corrected word can still be its correction.
  const candidates = [...terms].filter((term) => term.length >= options.minLength - 1);
  const nearMisses = createNearMissIndex(candidates, options.maxEdits);

  return {
    correct(term) {
      if (term.length < options.minLength || /\d/.test(term)) return undefined;
      const limit = options.maxEdits(term.length);
      let best: Correction | undefined;
      let bestPopularity = -1;
      // Every near miss is within the bound; its distance still ranks it.
      for (const item of nearMisses.within(term, limit)) {
        const edits = editDistance(term, item, limit);
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

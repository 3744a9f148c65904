import Fuse from 'fuse.js';
import { editDistance } from './edit-distance.js';
import { createNearMissIndex } from './near-miss.js';

export interface Correction {
  term: string;
  edits: number;
}

/**
 * Finds the known term a typed word was meant to be ("okafer" → "okafor"). A
 * deletion index finds the known terms within the edit-distance bound (the only ones a
 * correction may pick); fuse.js then scores those few against its threshold, as it did over
 * the whole vocabulary, and the fewest edits win, then the most popular term.
 */
export interface FuzzyVocabulary {
  correct(term: string): Correction | undefined;
}

// fuse.js's bitap compares at most 32 characters; longer words were never corrected.
const LONGEST_CORRECTED = 32;

export function createFuzzyVocabulary(
  terms: Iterable<string>,
  popularity: (term: string) => number,
  options: { threshold: number; minLength: number; maxEdits: (length: number) => number },
): FuzzyVocabulary {
  // A term one letter shorter than the shortest corrected word can still be its correction.
  const candidates = [...terms].filter((term) => term.length >= options.minLength - 1);
  const nearMisses = createNearMissIndex(candidates, options.maxEdits);
  const fuseOptions = { threshold: options.threshold, ignoreLocation: true, isCaseSensitive: true };

  return {
    correct(term) {
      if (term.length < options.minLength || term.length > LONGEST_CORRECTED || /\d/.test(term))
        return undefined;
      const limit = options.maxEdits(term.length);
      const near = nearMisses.within(term, limit);
      if (near.length === 0) return undefined;
      let best: Correction | undefined;
      let bestPopularity = -1;
      for (const { item } of new Fuse(near, fuseOptions).search(term, { limit: 8 })) {
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

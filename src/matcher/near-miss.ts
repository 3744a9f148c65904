import { editDistance } from './edit-distance.js';

/**
 * Finds every known term within `limit` edits of a word in microseconds, by the
 * symmetric-deletion method (as in SymSpell): two words within k edits (insertions,
 * deletions, substitutions, adjacent swaps) become equal after deleting at most k letters
 * from each. Every known term is stored under each of its deletion variants; a typed word
 * looks up its own variants and keeps the terms found that are truly within the limit.
 *
 * Why: fuse.js scans every term of similar length, about a millisecond per word once the
 * vocabulary has thousands of terms (CLINC150's 15,000 examples), and several milliseconds
 * for long words. The near misses are the only terms the edit-distance check would accept.
 */
export interface NearMissIndex {
  /** Known terms within `limit` edits of the word. */
  within(word: string, limit: number): string[];
}

export function createNearMissIndex(
  terms: Iterable<string>,
  maxEdits: (length: number) => number,
): NearMissIndex {
  const known = [...terms];
  // Variant → index of the term, or indices when several terms share it. Most variants belong
  // to one term; a bare number there instead of a one-element array halves the index's memory.
  const byVariant = new Map<string, number | number[]>();
  known.forEach((term, t) => {
    // A typed word of length up to length + 2 may allow up to maxEdits(length + 2) edits.
    for (const variant of deletions(term, maxEdits(term.length + 2))) {
      const prior = byVariant.get(variant);
      if (prior === undefined) byVariant.set(variant, t);
      else if (typeof prior === 'number') byVariant.set(variant, [prior, t]);
      else prior.push(t);
    }
  });
  return {
    within(word, limit) {
      const found = new Set<string>();
      const check = (t: number) => {
        const term = known[t] as string;
        if (!found.has(term) && editDistance(word, term, limit) <= limit) found.add(term);
      };
      for (const variant of deletions(word, limit)) {
        const hit = byVariant.get(variant);
        if (typeof hit === 'number') check(hit);
        else if (hit) hit.forEach(check);
      }
      return [...found];
    },
  };
}

/** The word and every string made by deleting up to `limit` of its letters, without repeats. */
function deletions(word: string, limit: number): Set<string> {
  const out = new Set([word]);
  let frontier = [word];
  for (let depth = 0; depth < limit; depth++) {
    const next: string[] = [];
    for (const w of frontier) {
      for (let i = 0; i < w.length; i++) {
        const variant = w.slice(0, i) + w.slice(i + 1);
        if (!out.has(variant)) {
          out.add(variant);
          next.push(variant);
        }
      }
    }
    frontier = next;
  }
  return out;
}

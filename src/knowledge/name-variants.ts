import { editDistance } from '../matcher/edit-distance.js';
import { normalize } from '../text/normalize.js';
import type { Subject } from './types.js';

/**
 * Groups of one subject's single-word names that are spellings of each other (Katherine/Catherine,
 * Okafor/Okafer, Ivan/Evan), so the matcher reads them as one word. Without this, an example
 * question that happens to use one spelling would pull that spelling towards its card.
 */
export function nameVariants(subject: Subject): string[][] {
  const words = [
    ...new Set(
      [subject.name, ...subject.aliases].flatMap((n) => normalize(n).split(' ')).filter((w) => w.length >= 3),
    ),
  ];
  const groups: string[][] = [];
  for (const word of words) {
    const group = groups.find(
      (g) =>
        g.some((w) => editDistance(w, word, 2) <= 2 && w[0] === word[0]) || g.some((w) => sameSound(w, word)),
    );
    if (group) group.push(word);
    else groups.push([word]);
  }
  return groups.filter((g) => g.length > 1);
}

// Transliterations differ in their first vowel too: Ivan/Evan, Alsou/Alsu.
function sameSound(a: string, b: string): boolean {
  return a.length >= 4 && b.length >= 4 && editDistance(a, b, 1) <= 1;
}

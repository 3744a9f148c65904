import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maxEdits } from '../../src/matcher/defaults.js';
import { editDistance } from '../../src/matcher/edit-distance.js';
import { createNearMissIndex } from '../../src/matcher/near-miss.js';

// Small alphabet so that random words often are near misses of each other.
const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd', 'e'), minLength: 1, maxLength: 9 });

describe('near-miss index', () => {
  it('GIVEN any vocabulary THEN it finds exactly the terms a brute-force edit-distance scan finds', () => {
    fc.assert(
      fc.property(fc.uniqueArray(word, { maxLength: 40 }), word, (vocabulary, typed) => {
        const index = createNearMissIndex(vocabulary, maxEdits);
        // A typed word is checked against terms up to two letters longer or shorter, with the
        // limit its own length allows: the index covers that for every term.
        const limit = maxEdits(typed.length);
        const expected = vocabulary.filter((t) => editDistance(typed, t, limit) <= limit);
        expect(new Set(index.within(typed, limit))).toEqual(new Set(expected));
      }),
      { numRuns: 300 },
    );
  });

  it('GIVEN a swap of adjacent letters THEN it counts as one edit', () => {
    const index = createNearMissIndex(['exchange', 'prisoner'], maxEdits);
    expect(index.within('exhcange', 1)).toEqual(['exchange']);
    expect(index.within('cynthia', 2)).toEqual([]);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maxEdits } from '../../src/matcher/defaults.js';
import { editDistance } from '../../src/matcher/edit-distance.js';
import { createFuzzyVocabulary } from '../../src/matcher/fuzzy-vocabulary.js';

const popularity = new Map([
  ['resilienc', 1],
  ['year', 3],
  ['bear', 1],
  ['sentenc', 2],
  ['appoint', 1],
]);
const vocabulary = createFuzzyVocabulary(popularity.keys(), (t) => popularity.get(t) ?? 0, {
  minLength: 4,
  maxEdits,
});

// Small alphabet so that random words often are near misses of each other.
const word = fc.string({ unit: fc.constantFrom('a', 'e', 'r', 's', 'y'), minLength: 4, maxLength: 9 });

describe('fuzzy vocabulary', () => {
  it('GIVEN any vocabulary THEN it corrects to a nearest term within the edit bound, or to none', () => {
    fc.assert(
      fc.property(fc.uniqueArray(word, { maxLength: 30 }), word, (terms, typed) => {
        const v = createFuzzyVocabulary(terms, () => 1, { minLength: 4, maxEdits });
        const limit = maxEdits(typed.length);
        const nearest = Math.min(...terms.map((t) => editDistance(typed, t, limit)));
        const got = v.correct(typed);
        if (nearest > limit) expect(got).toBeUndefined();
        else expect(got?.edits).toBe(nearest);
      }),
      { numRuns: 300 },
    );
  });

  it('GIVEN a typo within the edit bound THEN it is corrected', () => {
    expect(vocabulary.correct('resilianc')).toEqual({ term: 'resilienc', edits: 1 });
    expect(vocabulary.correct('yaer')).toEqual({ term: 'year', edits: 1 });
  });

  it('GIVEN two corrections as near THEN the more popular term wins', () => {
    // "dear" is one edit from "year" (3 uses) and from "bear" (1).
    expect(vocabulary.correct('dear')).toEqual({ term: 'year', edits: 1 });
  });

  it('GIVEN a word beyond the bound, too short, or with digits THEN nothing is corrected', () => {
    expect(vocabulary.correct('sntnc')).toBeUndefined();
    expect(vocabulary.correct('yer')).toBeUndefined();
    expect(vocabulary.correct('year2')).toBeUndefined();
  });

  it('GIVEN a very long typo THEN it is still corrected', () => {
    const long = 'internationalisationprogrammeadministration';
    const v = createFuzzyVocabulary([long], () => 1, { minLength: 4, maxEdits });
    expect(v.correct(long.replace('prog', 'porg'))).toEqual({ term: long, edits: 1 });
  });
});

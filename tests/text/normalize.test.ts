import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalize } from '../../src/text/normalize.js';

describe('normalize', () => {
  it.each([
    ['Who is Krasikov?', 'who is krasikov'],
    ['Krasikov’s sentence', 'krasikov sentence'],
    ["What's the deal?", 'what is the deal'],
    ["He didn't deny it", 'he did not deny it'],
    ['Türkiye  —  Ankara!!', 'turkiye ankara'],
    ['The U.S. and Russia', 'the usa and russia'],
    ['us and them', 'us and them'],
    ['24,000 people', '24000 people'],
    ['Andøya, Sigurðsson, Łódź, Straße, Æsir', 'andoya sigurdsson lodz strasse aesir'],
  ])('%s → %s', (input, expected) => {
    expect(normalize(input)).toBe(expected);
  });

  it('always yields lower-case letters, digits and single spaces, and is idempotent', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200, unit: 'grapheme' }), (s) => {
        const once = normalize(s);
        expect(once).toMatch(/^(?:[a-z0-9]+(?: [a-z0-9]+)*)?$/);
        expect(normalize(once)).toBe(once);
      }),
    );
  });
});

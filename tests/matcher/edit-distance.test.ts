import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editDistance } from '../../src/matcher/edit-distance.js';

/** Plain optimal-string-alignment distance, the slow textbook way, as a reference. */
function reference(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const up = d[i - 1] as number[];
      row[j] = Math.min(
        (up[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (up[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
      }
    }
  }
  return (d[a.length] as number[])[b.length] as number;
}

describe('editDistance', () => {
  it.each([
    ['krasikov', 'krasikow', 1],
    ['gershkovich', 'gerskovich', 1],
    ['exchange', 'exchnage', 1],
    ['whalen', 'whalan', 1],
    ['kurmasheva', 'kurmasheeva', 1],
  ])('%s ~ %s = %i', (a, b, n) => {
    expect(editDistance(a, b, 3)).toBe(n);
  });

  it('agrees with the reference up to the limit', () => {
    const word = fc.string({ maxLength: 9, unit: fc.constantFrom('a', 'b', 'c', 'd') });
    fc.assert(
      fc.property(word, word, fc.integer({ min: 0, max: 3 }), (a, b, limit) => {
        expect(editDistance(a, b, limit)).toBe(Math.min(reference(a, b), limit + 1));
      }),
    );
  });
});

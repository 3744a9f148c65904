import { describe, expect, it } from 'vitest';
import { auc, evidenceOf } from '../../scripts/lib/signals.js';
import { buildIndex } from '../../src/matcher/build-index.js';
import { match } from '../../src/matcher/match.js';

const index = buildIndex([
  {
    id: 'height',
    examples: ['How tall is the lighthouse?'],
    body: ['The lighthouse stands 60 metres above the harbour.'],
  },
  { id: 'keeper', examples: ['Who keeps the lighthouse?'], keywords: ['keeper'] },
]);

describe('evidence about a question and a card', () => {
  it('shares the focus words out by where the card has them', () => {
    const result = match(index, 'how tall is the keeper of the lighthouse harbour zebra');
    const e = evidenceOf(index, result, 'height');
    expect(e.words).toBe(5);
    expect(e.examples).toBeGreaterThan(0);
    expect(e.body).toBeGreaterThan(0);
    expect(e.elsewhere).toBeGreaterThan(0);
    expect(e.unknown).toBeGreaterThan(0);
    expect(e.examples + e.body + e.elsewhere + e.unknown).toBeCloseTo(1);
    expect(evidenceOf(index, result, 'keeper').body).toBe(0);
  });

  it('gives zero shares to a question without content', () => {
    expect(evidenceOf(index, match(index, 'how is it'), 'height')).toEqual({
      examples: 0,
      body: 0,
      elsewhere: 0,
      unknown: 0,
      words: 0,
    });
  });
});

describe('auc', () => {
  it('is 1 when every positive is above every negative, 0.5 for ties, 0 reversed', () => {
    expect(auc([3, 4], [1, 2])).toBe(1);
    expect(auc([1, 1], [1, 1])).toBe(0.5);
    expect(auc([1, 2], [3, 4])).toBe(0);
    expect(auc([1, 3], [2])).toBe(0.5);
    expect(auc([], [1])).toBe(0.5);
  });
});

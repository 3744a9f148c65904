import { describe, expect, it } from 'vitest';
import { stem } from '../../src/text/stem.js';

describe('stem', () => {
  it.each([
    ['sentenced', 'sentence'],
    ['sentencing', 'sentence'],
    ['arrested', 'arrest'],
    ['arrests', 'arrest'],
    ['spying', 'spies'],
    ['prisoners', 'prisoner'],
    ['swapped', 'swap'],
    ['released', 'releases'],
    ['assassinated', 'assassination'],
  ])('%s and %s share a stem', (a, b) => {
    expect(stem(a)).toBe(stem(b));
  });

  it.each([['krasikov'], ['gershkovich'], ['ankara'], ['bus'], ['this']])('leaves %s whole', (word) => {
    expect(stem(word)).toBe(word);
  });

  it('keeps distinct words apart', () => {
    expect(stem('term')).not.toBe(stem('terminal'));
    expect(stem('spy')).not.toBe(stem('sport'));
  });
});

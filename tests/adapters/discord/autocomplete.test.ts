import { describe, expect, it } from 'vitest';
import { autocompleteChoices } from '../../../adapters/discord/autocomplete.js';

describe('autocompleteChoices', () => {
  it('gives 1–25 choices with names and values of at most 100 characters', () => {
    const long = `Who ${'really '.repeat(30)}is Krasikov?`;
    const choices = autocompleteChoices(() => [long, 'Who is Vedim Krasikov?'], 'who');
    expect(choices).toHaveLength(2);
    expect(choices[0]?.name).toHaveLength(100);
    expect(choices[0]?.name.endsWith('…')).toBe(true);
    // A value is submitted as the question, so it ends at a whole word, without an ellipsis.
    expect(choices[0]?.value.length).toBeLessThanOrEqual(100);
    expect(choices[0]?.value).toMatch(/ really$/);
    expect(choices[1]).toEqual({ name: 'Who is Vedim Krasikov?', value: 'Who is Vedim Krasikov?' });
  });

  it('never gives more than 25 choices or two equal values', () => {
    const many = Array.from({ length: 40 }, (_, i) => `Question ${i % 30}`);
    const choices = autocompleteChoices(() => many, 'q');
    expect(choices).toHaveLength(25);
    expect(new Set(choices.map((c) => c.value)).size).toBe(25);
  });
});

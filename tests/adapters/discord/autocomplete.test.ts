import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { autocompleteChoices } from '../../../adapters/discord/autocomplete.js';
import { createBot } from '../../../src/bot/bot.js';
import { createQuestionCompleter } from '../../../src/bot/complete.js';
import { loadPacks } from '../../../src/knowledge/load-packs.js';
import { normalize } from '../../../src/text/normalize.js';

const packs = loadPacks('knowledge');
const bot = createBot(packs);
const complete = createQuestionCompleter(packs);
const titles = packs.flatMap((p) => p.cards.map((c) => c.title));
// Example questions in lower case are sloppy phrasings kept for the matcher, not offered.
const offered = [
  ...titles,
  ...packs.flatMap((p) => p.cards.flatMap((c) => c.questions.filter((q) => /^\p{Lu}/u.test(q)))),
];
const cardOf = (text: string) => {
  const reply = bot.ask({ text, user: 'u', conversation: 'c', platform: 'discord' });
  return reply.kind === 'answer' ? reply.card.card : undefined;
};

describe('createQuestionCompleter', () => {
  it('offers the first card titles when nothing has been typed', () => {
    expect(complete('', 25)).toEqual(titles.slice(0, 25));
    expect(complete('  ?! ', 5)).toEqual(titles.slice(0, 5));
  });

  // Data-driven over the real packs: whatever a user set out to type, once half of it is typed
  // the question is on offer (compared folded: "…exchanged?" and "…exchanged" are one entry).
  it('offers every title and example question once half of it has been typed', () => {
    const missed = offered.filter((text) => {
      const found = complete(text.slice(0, Math.ceil(text.length / 2)), 25).map(normalize);
      return !found.includes(normalize(text));
    });
    expect(missed).toEqual([]);
  });

  it('completes a half-typed name to a question the bot answers with that card', () => {
    const [top] = complete('who is kras', 25);
    const full = cardOf('Who is Vedim Krasikov?');
    expect(full).toBeDefined();
    expect(cardOf(top ?? '')).toBe(full);
  });

  it('offers nothing for text that resembles no card', () => {
    expect(complete('xyzzy qwrtp', 25)).toEqual([]);
  });

  it('returns at most the limit, only titles and capitalised example questions, no duplicates', () => {
    const allowed = new Set(offered);
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.integer({ min: 0, max: 30 }), (typed, limit) => {
        const found = complete(typed, limit);
        expect(found.length).toBeLessThanOrEqual(limit);
        expect(new Set(found).size).toBe(found.length);
        for (const text of found) expect(allowed.has(text)).toBe(true);
      }),
      { numRuns: 200 },
    );
  });

  it('answers within a few milliseconds, far inside the 3 s Discord allows', () => {
    const started = performance.now();
    for (const typed of ['w', 'who is', 'who is kras', 'how many prisoners were exch']) complete(typed, 25);
    expect((performance.now() - started) / 4).toBeLessThan(50);
  });
});

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

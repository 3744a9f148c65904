import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBot } from '../../src/bot/bot.js';
import { createQuestionCompleter } from '../../src/bot/complete.js';
import { loadPacks } from '../../src/knowledge/load-packs.js';
import type { Pack } from '../../src/knowledge/types.js';
import { normalize } from '../../src/text/normalize.js';
import { cpuMs, leastCpuMs } from '../support/cpu-time.js';

const packs = loadPacks('knowledge');
const bot = createBot(packs);
const complete = createQuestionCompleter(packs);
const titles = packs.flatMap((p) => p.cards.map((c) => c.title));
// Example questions in lower case are sloppy phrasings kept for the matcher, not offered.
const offered = [
  ...titles,
  ...packs.flatMap((p) => p.cards.flatMap((c) => c.questions.filter((q) => /^\p{Lu}/u.test(q)))),
];
const cardOf = async (text: string) => {
  const reply = await bot.ask({ text, user: 'u', conversation: 'c', platform: 'discord' });
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

  it('completes a half-typed name to a question the bot answers with that card', async () => {
    const [top] = complete('who is kras', 25);
    const full = await cardOf('Who is Vedim Krasikov?');
    expect(full).toBeDefined();
    expect(await cardOf(top ?? '')).toBe(full);
  });

  it('puts what the typed text begins first, and forgives a typo in a finished word', () => {
    expect(complete('who is kras', 25)[0]).toMatch(/^Who is V[ae]dim Krasikov\?$/);
    expect(complete('who is krasikow', 25).map(normalize)).toContain(normalize('Who is Vedim Krasikov?'));
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

  it('answers within a few milliseconds, far inside the 3 s Discord allows', async () => {
    for (const typed of ['w', 'who is', 'who is kras', 'how many prisoners were exch']) {
      expect(await leastCpuMs(() => complete(typed, 25))).toBeLessThan(50);
    }
  });
});

describe('completion speed over 1,000 questions', () => {
  // 1,000 distinct questions in the packs' own words, drawn by a fixed seed: a pack set a few
  // times the size of the bundled one.
  const words = [...new Set(offered.flatMap((q) => normalize(q).split(' ')))];
  const questions = fc
    .sample(fc.array(fc.constantFrom(...words), { minLength: 3, maxLength: 10 }), { numRuns: 3000, seed: 42 })
    .map((w) => `${w.join(' ')}?`.replace(/^./, (c) => c.toUpperCase()));
  const distinct = [...new Set(questions)].slice(0, 1000);
  const big: Pack = {
    id: 'big',
    title: 'Big',
    source: { title: 'Big', path: 'big/source.txt', text: '' },
    subjects: [],
    synonyms: [],
    cards: [
      {
        id: 'all',
        pack: 'big',
        title: 'All',
        answer: '',
        questions: distinct,
        aliases: [],
        source: [],
        related: [],
      },
    ],
  };

  it('keeps p99 under 2 ms a keystroke', () => {
    expect(distinct).toHaveLength(1000);
    const completer = createQuestionCompleter([big]);
    // Every prefix a person typing 60 of the questions would send; a first round warms up.
    const typed = distinct
      .slice(0, 60)
      .flatMap((q) => Array.from({ length: q.length }, (_, i) => q.slice(0, i + 1)));
    for (const t of typed) completer(t, 25);
    // CPU time, each keystroke's cheaper of two rounds (tests/support/cpu-time.ts): the cost of
    // completing, not how busy the machine is. A slow keystroke is slow in both rounds.
    const times = typed.map(() => Number.POSITIVE_INFINITY);
    for (let round = 0; round < 2; round++) {
      typed.forEach((t, i) => {
        times[i] = Math.min(
          times[i] ?? Number.POSITIVE_INFINITY,
          cpuMs(() => completer(t, 25)),
        );
      });
    }
    times.sort((a, b) => a - b);
    const p99 = times[Math.ceil(times.length * 0.99) - 1] ?? Number.POSITIVE_INFINITY;
    // The target, 2 ms, as the bound: this machine measures p99 0.4 ms (p50 0.1 ms) when busy.
    expect(p99, `p99 ${p99.toFixed(3)} ms of CPU over ${times.length} keystrokes`).toBeLessThan(2);
  });
});

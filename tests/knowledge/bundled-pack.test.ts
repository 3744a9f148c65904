import { describe, expect, it } from 'vitest';
import { sentencesOf } from '../../scripts/lib/kb-check.js';
import { loadPacks } from '../../src/knowledge/load-packs.js';

const packs = loadPacks('knowledge');

describe.each(packs.map((p) => [p.id, p] as const))('pack %s', (_id, pack) => {
  it('supports every sentence of its source document with at least one card', () => {
    const cited = new Set(pack.cards.flatMap((c) => c.source.map((s) => s.replace(/\s+/g, ' ').trim())));
    const unsupported = sentencesOf(pack.source.text).filter(
      (s) => ![...cited].some((c) => c.includes(s) || s.includes(c)),
    );
    expect(unsupported).toEqual([]);
  });

  it('gives every card at least 5 example questions and a 1–3 sentence answer', () => {
    for (const card of pack.cards) {
      expect(card.questions.length, card.id).toBeGreaterThanOrEqual(5);
      const count = sentencesOf(card.answer).length;
      expect(count, card.id).toBeGreaterThanOrEqual(1);
      expect(count, card.id).toBeLessThanOrEqual(3);
    }
  });

  it('never puts one example question under two cards', () => {
    const seen = new Map<string, string>();
    for (const card of pack.cards) {
      for (const q of card.questions) {
        const key = q
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, ' ')
          .trim();
        expect(seen.get(key) ?? card.id, `"${q}"`).toBe(card.id);
        seen.set(key, card.id);
      }
    }
  });
});

import { describe, expect, it } from 'vitest';
import { loadPacks } from '../../src/knowledge/load-packs.js';

const packs = loadPacks('knowledge');

/** Sentences of a document: split after . ! ? (optionally followed by a closing quote). */
function sentences(text: string): string[] {
  return text
    .replace(/\s+/g, ' ')
    .split(/(?<=[.!?][”’"]?)\s+(?=[A-Z“‘"])/)
    .map((s) => s.trim())
    .filter(Boolean);
}

describe.each(packs.map((p) => [p.id, p] as const))('pack %s', (_id, pack) => {
  it('supports every sentence of its source document with at least one card', () => {
    const cited = new Set(pack.cards.flatMap((c) => c.source.map((s) => s.replace(/\s+/g, ' ').trim())));
    const unsupported = sentences(pack.source.text).filter(
      (s) => ![...cited].some((c) => c.includes(s) || s.includes(c)),
    );
    expect(unsupported).toEqual([]);
  });

  it('gives every card at least 5 example questions and a 1–3 sentence answer', () => {
    for (const card of pack.cards) {
      expect(card.questions.length, card.id).toBeGreaterThanOrEqual(5);
      const count = sentences(card.answer).length;
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

import { cardKey } from '../../src/knowledge/card-key.js';
import type { Pack } from '../../src/knowledge/types.js';
import type { Explainer } from '../../src/tooling/explainer.js';

export interface KbReport {
  /** Broken packs: unsupported source sentences, cards past review. */
  problems: string[];
  /** Example questions that do not route to their card with a margin; cards that compete. */
  routing: string[];
  coverage: string[];
}

/** Least lead a card's own example question must have over the next card. */
export const MIN_MARGIN = 0.02;
/** Share of a card's questions that may go to one other card before the two are said to compete. */
export const COMPETE_SHARE = 0.25;

const SENTENCES = new Intl.Segmenter('en', { granularity: 'sentence' });

/** The sentences of a source document, by Unicode's sentence boundaries (`Intl.Segmenter`). */
export function sentencesOf(text: string): string[] {
  return [...SENTENCES.segment(text.replace(/\s+/g, ' '))].map((s) => s.segment.trim()).filter(Boolean);
}

export function checkPacks(packs: readonly Pack[], explainer: Explainer, today: string): KbReport {
  const problems: string[] = [];
  const routing: string[] = [];
  const coverage: string[] = [];
  for (const pack of packs) {
    let routed = 0;
    let total = 0;
    for (const card of pack.cards) {
      const key = cardKey(pack.id, card.id);
      const lost = new Map<string, number>();
      for (const q of card.questions) {
        total++;
        const [first, second] = explainer.explain(q).candidates;
        const margin = first?.id === key ? first.confidence - (second?.confidence ?? 0) : -1;
        if (margin >= MIN_MARGIN) {
          routed++;
          continue;
        }
        const rival = first?.id === key ? second?.id : first?.id;
        if (rival) lost.set(rival, (lost.get(rival) ?? 0) + 1);
        routing.push(
          `${key}: "${q}" ${first?.id === key ? `leads ${rival ?? 'nothing'} by only ${margin.toFixed(3)}` : `routes to ${first?.id ?? 'nothing'}`}`,
        );
      }
      for (const [rival, count] of lost) {
        if (count / card.questions.length > COMPETE_SHARE) {
          routing.push(
            `${key} competes with ${rival}: ${count} of its ${card.questions.length} questions go there or nearly`,
          );
        }
      }
      if (card.reviewBy && card.reviewBy < today)
        problems.push(`${key}: past its review date ${card.reviewBy}`);
    }
    const cited = pack.cards.flatMap((c) => c.source.map((s) => s.replace(/\s+/g, ' ').trim()));
    const sentences = sentencesOf(pack.source.text);
    const unsupported = sentences.filter((s) => !cited.some((c) => c.includes(s) || s.includes(c)));
    for (const s of unsupported) problems.push(`${pack.id}: no card supports the sentence "${s}"`);
    coverage.push(
      `${pack.id}: ${pack.cards.length} cards, ${total} example questions (${routed} route to their card with a margin), ` +
        `${sentences.length - unsupported.length}/${sentences.length} source sentences supported`,
    );
  }
  return { problems, routing, coverage };
}

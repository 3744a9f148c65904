import { type Reply, staleNote } from '../../src/bot/reply.js';

/**
 * The stable one-line JSON form of a reply used by `ask --json` and external checks:
 * `{question, matched, card, confidence, answer, suggestions: [{card, title}]}`.
 */
export interface JsonLine {
  question: string;
  matched: boolean;
  card: string | null;
  confidence: number;
  answer: string;
  suggestions: Array<{ card: string; title: string }>;
}

export function toJsonLine(question: string, reply: Reply): JsonLine {
  const suggestions =
    reply.kind === 'answer' || reply.kind === 'no-match' || reply.kind === 'builtin' ? reply.suggestions : [];
  return {
    question,
    matched: reply.kind === 'answer',
    card: reply.kind === 'answer' ? reply.card.card : null,
    confidence: reply.kind === 'answer' || reply.kind === 'no-match' ? round(reply.confidence) : 0,
    answer:
      reply.kind === 'answer' && reply.staleSince
        ? `${reply.text} (${staleNote(reply.staleSince)})`
        : reply.text,
    suggestions: suggestions.map((s) => ({ card: s.card, title: s.title })),
  };
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

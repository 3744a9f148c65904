/**
 * Evaluation hygiene: a question used to report must be one nobody tuned on. Finds eval
 * questions that are a card's example question word for word, questions found twice, and
 * expected card ids that no card has. Twice means: in one story's sets, or in a tuning set and
 * any other set. The same chit-chat ("tell me a joke") in the test sets of two stories is
 * allowed: leave-one-story-out tunes on dev sets only, so neither copy was ever tuned on.
 */
import type { Pack } from '../../src/knowledge/types.js';
import type { EvalItem } from './eval-set.js';

export interface LabelledSet {
  /** `story/set`, for messages. */
  name: string;
  items: readonly EvalItem[];
  /** Its story: a question may sit in the test sets of two stories, never twice in one. */
  story: string;
  /** A tuning (dev) set: its questions may appear in no other set. */
  tuning: boolean;
  /** The packs the set's questions are asked against. */
  packs: readonly Pack[];
}

/** Case, punctuation and spacing do not make a question new. */
export function questionKey(q: string): string {
  return q
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function hygieneProblems(sets: readonly LabelledSet[]): string[] {
  const problems: string[] = [];
  const seen = new Map<string, LabelledSet>();
  for (const set of sets) {
    const examples = new Map<string, string>();
    const cardIds = new Set<string>();
    for (const pack of set.packs) {
      for (const card of pack.cards) {
        cardIds.add(card.id);
        for (const q of card.questions) examples.set(questionKey(q), `${pack.id}/${card.id}`);
      }
    }
    for (const item of set.items) {
      const key = questionKey(item.q);
      const card = examples.get(key);
      if (card) problems.push(`${set.name}: "${item.q}" is an example question of ${card}`);
      const first = seen.get(key);
      if (first && (first.story === set.story || first.tuning || set.tuning))
        problems.push(`${set.name}: "${item.q}" is also in ${first.name}`);
      if (!first || set.tuning) seen.set(key, set);
      if (item.expect !== 'none') {
        for (const id of item.expect)
          if (!cardIds.has(id)) problems.push(`${set.name}: "${item.q}" expects ${id}, which no card has`);
      }
    }
  }
  return problems;
}

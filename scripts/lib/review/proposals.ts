import { cardKey } from '../../../src/knowledge/card-key.js';
import { normalize } from '../../../src/text/normalize.js';
import type { LoggedExchange, ReviewLog } from './read-log.js';

/** How a question came to be proposed for a card, as active learning reads the log. */
export interface Evidence {
  /** Times in all. */
  count: number;
  /** Declined, and the asker then picked this card from the suggestions. */
  declinedThenPicked: number;
  /** Answered with a close runner-up, and the asker picked the runner-up, this card. */
  runnerUpPicked: number;
  /** Answered with a close runner-up, the answer got a 👎, and this card was the runner-up. */
  lowMarginDown: number;
}

export interface Proposal {
  pack: string;
  card: string;
  question: string;
  evidence: Evidence;
}

/**
 * Proposed alternate questions: what people asked, tied to the card that turned out to be the
 * one they wanted. A pick counts only when the asker made it, of a card that was offered: a
 * click naming some other card, or another user's question, proposes nothing.
 */
export function proposeQuestions(log: ReviewLog): Proposal[] {
  const byId = new Map(log.exchanges.map((e) => [e.id, e]));
  const found = new Map<string, Proposal>();
  const add = (source: LoggedExchange, key: string, signal: Exclude<keyof Evidence, 'count'>) => {
    if (source.question === null) return;
    const slash = key.indexOf('/');
    const [pack, card] = [key.slice(0, slash), key.slice(slash + 1)];
    const id = `${key}\u0000${normalize(source.question)}`;
    const proposal = found.get(id) ?? {
      pack,
      card,
      question: source.question,
      evidence: { count: 0, declinedThenPicked: 0, runnerUpPicked: 0, lowMarginDown: 0 },
    };
    proposal.evidence[signal] += 1;
    proposal.evidence.count += 1;
    found.set(id, proposal);
  };

  const pickedAfter = new Set<string>();
  for (const pick of log.exchanges) {
    if (pick.via !== 'card' || pick.kind !== 'answer' || !pick.pickedFrom || !pick.pack || !pick.card)
      continue;
    const source = byId.get(pick.pickedFrom);
    const key = cardKey(pick.pack, pick.card);
    if (source?.via !== 'text' || source.userHash !== pick.userHash) continue;
    if (!source.suggestions.includes(key)) continue;
    if (source.kind === 'no-match') add(source, key, 'declinedThenPicked');
    else if (source.kind === 'answer' && key !== cardKey(source.pack ?? '', source.card ?? '')) {
      add(source, key, 'runnerUpPicked');
      pickedAfter.add(source.id);
    }
  }
  // A 👎 on a low-margin answer points to its runner-up, unless the asker showed which card they
  // wanted by picking one.
  const downVoted = new Set(log.votes.filter((v) => v.vote === 'down').map((v) => v.exchange));
  for (const id of downVoted) {
    const answer = byId.get(id);
    const runnerUp = answer?.suggestions[0];
    if (answer?.kind !== 'answer' || answer.via !== 'text' || !runnerUp || pickedAfter.has(id)) continue;
    add(answer, runnerUp, 'lowMarginDown');
  }
  return [...found.values()].sort(
    (a, b) => b.evidence.count - a.evidence.count || a.question.localeCompare(b.question),
  );
}

import type { CardChoice, NoMatchReply, Reply } from '../../src/bot/reply.js';
import { numberedChoices } from './render.js';

/**
 * What a typed line means after a reply that offered numbered choices: the choice it picks, or
 * a reply saying that there is no such choice. Undefined when the line is not a bare number or
 * when nothing was offered: it is then a question like any other ("24" may ask about a figure).
 */
export type Pick = { choice: CardChoice } | { outOfRange: NoMatchReply } | undefined;

export function readPick(line: string, choices: readonly CardChoice[]): Pick {
  const number = /^\s*(\d{1,3})\s*$/.exec(line)?.[1];
  if (number === undefined || choices.length === 0) return undefined;
  const choice = choices[Number(number) - 1];
  if (choice) return { choice };
  const range = choices.length === 1 ? 'only 1' : `1 to ${choices.length}`;
  return {
    // Not a card answer: rendered, and put in JSON, as a no-match that offers the same choices.
    outOfRange: {
      kind: 'no-match',
      text: `There is no choice ${Number(number)}: pick ${range}, or ask a question.`,
      confidence: 0,
      suggestions: [...choices],
    },
  };
}

/**
 * The choices a number picks from after `reply`: its own, when it is about cards (an answer, a
 * no-match); otherwise those before it still stand, so that "ok" or an empty line between an
 * answer and "2" does not take its choices away.
 */
export function choicesAfter(previous: readonly CardChoice[], reply: Reply): CardChoice[] {
  const offered = numberedChoices(reply);
  return reply.kind === 'answer' || reply.kind === 'no-match' || offered.length > 0 ? offered : [...previous];
}

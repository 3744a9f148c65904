import type { CardChoice, NoMatchReply } from '../../src/bot/reply.js';

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

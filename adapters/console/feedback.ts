import type { Vote } from '../../src/bot/feedback.js';
import type { Bot } from '../../src/bot/port.js';
import type { Asker } from '../../src/bot/query.js';
import type { Reply } from '../../src/bot/reply.js';

/** `+` after an answer is a 👍, `-` a 👎; `- what was wrong` gives the reason too. */
export function readVote(line: string): Pick<Vote, 'vote' | 'reason'> | undefined {
  const trimmed = line.trim();
  if (trimmed === '+' || trimmed === '+1') return { vote: 'up' };
  if (trimmed === '-' || trimmed === '-1') return { vote: 'down' };
  const reasoned = /^-\s+(\S.*)$/s.exec(trimmed);
  return reasoned?.[1] ? { vote: 'down', reason: reasoned[1] } : undefined;
}

export const NOTHING_TO_RATE = 'Type + or - after an answer to say whether it helped.';

/**
 * The console's side of feedback: remembers the last reply, so that a number picks from it (and
 * says so to the log) and `+`/`-` rate its answer.
 */
export interface ConsoleFeedback {
  /** Called with every reply printed. */
  seen(reply: Reply): void;
  /** The exchange of the reply whose choices are numbered now. */
  readonly pickedFrom: string | undefined;
  /** The acknowledgement to print when `line` is a vote; undefined when it is not one. */
  rate(line: string): Promise<string | undefined>;
}

export function createConsoleFeedback(bot: Bot, asker: Asker): ConsoleFeedback {
  let lastReply: string | undefined;
  let lastAnswer: string | undefined;
  return {
    seen(reply) {
      lastReply = reply.exchange;
      lastAnswer = reply.kind === 'answer' ? reply.exchange : undefined;
    },
    get pickedFrom() {
      return lastReply;
    },
    async rate(line) {
      const vote = readVote(line);
      if (!vote) return undefined;
      if (!lastAnswer) return NOTHING_TO_RATE;
      const receipt = await bot.feedback({
        ...vote,
        exchange: lastAnswer,
        user: asker.user,
        platform: asker.platform,
      });
      return receipt.text;
    },
  };
}

import { randomBytes } from 'node:crypto';
import type { ExchangeEntry, ExchangeRecorder } from '../exchange-log/entries.js';
import { cardKey } from '../knowledge/card-key.js';
import { EXCHANGE_ID, FEEDBACK_THANKS, keptText } from './feedback.js';
import type { Bot } from './port.js';
import type { Query } from './query.js';
import type { Reply } from './reply.js';

export interface LoggedBotOptions {
  /** `LOG_QUESTIONS`: keep the typed text and feedback reasons, or outcomes and votes only. */
  logQuestions: boolean;
  now?: () => number;
  /** Exchange ids; random by default. */
  newId?: () => string;
}

/** Longest question text kept; longer ones were refused anyway (`MAX_QUESTION_LENGTH`). */
export const MAX_LOGGED_QUESTION = 1000;

/**
 * The core with the exchange log around it, outermost, so that every question is logged with
 * the outcome its asker saw (a rate-limited one too). Each reply gets the id of its exchange;
 * adapters put it on feedback buttons and card buttons, and a vote or a pick names it. Logging
 * is handing an entry to the recorder, which never waits and never throws.
 */
export function withExchangeLog(bot: Bot, recorder: ExchangeRecorder, options: LoggedBotOptions): Bot {
  const now = options.now ?? Date.now;
  const newId = options.newId ?? exchangeIds();
  return {
    async ask(query) {
      const reply = await bot.ask(query);
      const id = newId();
      recorder.record({
        type: 'exchange',
        entry: exchangeEntry(id, now(), query, reply, options.logQuestions),
      });
      return { ...reply, exchange: id };
    },
    complete: (typed, limit) => bot.complete(typed, limit),
    topics: () => bot.topics(),
    async feedback(vote) {
      // Clicks are outside input: anything but a well-formed vote is thanked and dropped.
      const wellFormed =
        typeof vote.exchange === 'string' &&
        EXCHANGE_ID.test(vote.exchange) &&
        (vote.vote === 'up' || vote.vote === 'down') &&
        typeof vote.user === 'string' &&
        vote.user !== '' &&
        typeof vote.platform === 'string';
      if (!wellFormed) return { accepted: false, text: FEEDBACK_THANKS };
      recorder.record({
        type: 'vote',
        entry: {
          exchange: vote.exchange,
          at: now(),
          platform: vote.platform,
          user: vote.user,
          vote: vote.vote,
          reason: options.logQuestions && typeof vote.reason === 'string' ? keptText(vote.reason) : null,
        },
      });
      return { accepted: true, text: FEEDBACK_THANKS };
    },
  };
}

/**
 * Random exchange ids (96 bits, 16 url-safe characters), drawn from a pool of random bytes
 * refilled a thousand ids at a time: one call for the system's randomness per thousand answers.
 */
function exchangeIds(): () => string {
  const size = 12;
  let pool = Buffer.alloc(0);
  let at = 0;
  return () => {
    if (at + size > pool.length) {
      pool = randomBytes(size * 1024);
      at = 0;
    }
    at += size;
    return pool.toString('base64url', at - size, at);
  };
}

function exchangeEntry(
  id: string,
  at: number,
  query: Query,
  reply: Reply,
  logQuestions: boolean,
): ExchangeEntry {
  const intent = query.intent;
  const picked = typeof intent === 'object' ? intent : undefined;
  return {
    id,
    at,
    platform: query.platform,
    user: query.user,
    shared: query.shared === true,
    via: intent === undefined ? 'text' : picked ? 'card' : 'intent',
    question: logQuestions && query.text !== undefined ? keptText(query.text, MAX_LOGGED_QUESTION) : null,
    kind: reply.kind,
    detail: reply.kind === 'builtin' ? reply.intent : reply.kind === 'invalid' ? reply.reason : null,
    pack: reply.kind === 'answer' ? reply.card.pack : null,
    card: reply.kind === 'answer' ? reply.card.card : null,
    confidence: reply.kind === 'answer' || reply.kind === 'no-match' ? reply.confidence : null,
    suggestions: reply.kind === 'invalid' ? [] : reply.suggestions.map((c) => cardKey(c.pack, c.card)),
    pickedFrom: picked?.from !== undefined && EXCHANGE_ID.test(picked.from) ? picked.from : null,
  };
}

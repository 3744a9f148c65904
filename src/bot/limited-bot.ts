import type { RateLimiter } from '../state/rate-limit.js';
import type { Bot } from './port.js';
import type { InvalidReply } from './reply.js';

export interface RateLimitedBotOptions {
  /**
   * Platforms not limited, by name. The console is the operator at their own terminal (or a
   * file piped into it): limiting it protects nothing.
   */
  exempt?: readonly string[];
}

/**
 * The core with a per-user rate limit in front, for every platform at once: adapters get this
 * bot and need no limiting of their own. Questions and card picks both spend a token; a refused
 * one gets a friendly `invalid` reply with reason `rate-limited`, which adapters render as text.
 * Completions and topics spend nothing: they are read per keystroke and cost next to nothing.
 */
export function withRateLimit(bot: Bot, limiter: RateLimiter, options: RateLimitedBotOptions = {}): Bot {
  const exempt = new Set(options.exempt ?? []);
  return {
    async ask(query) {
      if (!exempt.has(query.platform)) {
        // Keyed by platform too: user ids of different platforms may collide.
        const admission = await limiter.take(`${query.platform}:${query.user}`);
        if (!admission.ok) return rateLimitedReply(admission.retryAfterMs);
      }
      return bot.ask(query);
    },
    complete: (typed, limit) => bot.complete(typed, limit),
    topics: () => bot.topics(),
    // A vote costs no answer; the log's buffer bounds what a flood of them can take.
    feedback: (vote) => bot.feedback(vote),
  };
}

export function rateLimitedReply(retryAfterMs: number): InvalidReply {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  return {
    kind: 'invalid',
    reason: 'rate-limited',
    text: `You are asking faster than I can keep up with. Please wait ${seconds} second${seconds === 1 ? '' : 's'} and ask again.`,
  };
}

import type { Bot } from './bot.js';
import type { Platform, Query } from './query.js';
import type { RateLimiter } from './rate-limit.js';
import type { InvalidReply } from './reply.js';

export interface RateLimitedBotOptions {
  /**
   * Platforms not limited. The console is the operator at their own terminal (or a file piped
   * into it): limiting it protects nothing.
   */
  exempt?: readonly Platform[];
}

/**
 * The core with a per-user rate limit in front, for every platform at once: adapters get this
 * bot and need no limiting of their own. Questions and card picks both spend a token; a refused
 * one gets a friendly `invalid` reply with reason `rate-limited`, which adapters render as text.
 *
 * `packs` is read through on every access, so this wraps a reloadable bot as well as a plain one.
 */
export function withRateLimit(bot: Bot, limiter: RateLimiter, options: RateLimitedBotOptions = {}): Bot {
  const exempt = new Set(options.exempt ?? []);
  const refusal = (query: Query): InvalidReply | undefined => {
    if (exempt.has(query.platform)) return undefined;
    // Keyed by platform too: user ids of different platforms may collide.
    const admission = limiter.take(`${query.platform}:${query.user}`);
    return admission.ok ? undefined : rateLimitedReply(admission.retryAfterMs);
  };
  return {
    get packs() {
      return bot.packs;
    },
    ask: (query) => refusal(query) ?? bot.ask(query),
    choose: (query, choice) => refusal(query) ?? bot.choose(query, choice),
    explain: (text) => bot.explain(text),
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

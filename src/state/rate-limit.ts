import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

/**
 * Per-user rate limits, on rate-limiter-flexible: its memory and Redis limiters count the same
 * way, so one instance alone and several sharing Redis limit a user alike.
 *
 * A user may ask `burst` questions in a window of `burst / perMinute` minutes (rounded up to a
 * whole second, as Redis keys expire in seconds); the window starts with their first question
 * and the count starts again when it ends. So `burst` questions may come at once, and on average
 * no more than `perMinute` a minute: in any stretch of time t, at most `burst + t × perMinute`
 * are admitted, the bound a token bucket of the same size and rate gives. A refused question is
 * told how long until the window ends.
 */
export interface RateLimitOptions {
  /** Questions a minute on average; 0 turns limiting off. */
  perMinute: number;
  /** Questions that may be asked in a quick run. */
  burst: number;
}

export const DEFAULT_RATE_LIMIT: Readonly<RateLimitOptions> = Object.freeze({ perMinute: 30, burst: 10 });

export type Admission = { ok: true } | { ok: false; retryAfterMs: number };

/**
 * Admits or refuses one question of `key`. Asynchronous so that limits shared by several
 * instances (Redis) fit behind it.
 */
export interface RateLimiter {
  /** Counts a question of `key` if its window has room; otherwise says how long until it will. */
  take(key: string): Promise<Admission>;
}

/** What rate-limiter-flexible calls points and duration: `burst` questions per window, in seconds. */
export function limiterWindow({ perMinute, burst }: RateLimitOptions): { points: number; duration: number } {
  return { points: burst, duration: Math.max(1, Math.ceil((burst * 60) / perMinute)) };
}

/**
 * A limiter's answer as an {@link Admission}. rate-limiter-flexible rejects with a
 * `RateLimiterRes` when the key is over its limit, and with an `Error` when its store failed;
 * the latter is rethrown, for the caller to fall back on.
 */
export async function admission(consumed: Promise<unknown>): Promise<Admission> {
  try {
    await consumed;
    return { ok: true };
  } catch (refusal) {
    if (refusal instanceof RateLimiterRes)
      return { ok: false, retryAfterMs: Math.max(1, refusal.msBeforeNext) };
    throw refusal;
  }
}

/**
 * One process's limits (the embedded default, and the fallback while Redis is unreachable).
 * Each key lives for its window only, so memory follows the users of the last window.
 */
export function inProcessRateLimiter(options: Partial<RateLimitOptions> = {}): RateLimiter {
  const limits = { ...DEFAULT_RATE_LIMIT, ...options };
  if (limits.perMinute <= 0) return { take: async () => ({ ok: true }) };
  const limiter = new RateLimiterMemory({ ...limiterWindow(limits), keyPrefix: 'rate' });
  return { take: (key) => admission(limiter.consume(key)) };
}

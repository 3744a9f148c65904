import { LRUCache } from 'lru-cache';

/**
 * Per-user token buckets. Each key holds up to `burst` tokens and regains `perMinute` a
 * minute; a question spends one. Pure: the clock is injected, nothing is scheduled, a bucket
 * is refilled lazily when its key is next seen.
 *
 * Memory is bounded by `maxKeys`: the least recently used bucket goes when a new key would
 * exceed the cap. A dropped bucket comes back full, which only favours a user nobody has
 * heard from in a while.
 */
export interface RateLimitOptions {
  /** Tokens regained per minute; 0 turns limiting off. */
  perMinute: number;
  /** Most tokens a bucket holds: questions that may be asked in a quick run. */
  burst: number;
  maxKeys: number;
  now: () => number;
}

export const DEFAULT_RATE_LIMIT: Readonly<RateLimitOptions> = Object.freeze({
  perMinute: 30,
  burst: 10,
  maxKeys: 50_000,
  now: () => Date.now(),
});

export type Admission = { ok: true } | { ok: false; retryAfterMs: number };

/**
 * Admits or refuses one question of `key`. Asynchronous so that buckets shared by several
 * instances (Redis) fit behind it.
 */
export interface RateLimiter {
  /** Spends a token of `key` if it has one; otherwise says how long until it will. */
  take(key: string): Promise<Admission>;
}

/** One process's buckets (the embedded default). */
export interface InProcessRateLimiter extends RateLimiter {
  /** Buckets held, for tests and health. */
  readonly size: number;
}

export function inProcessRateLimiter(options: Partial<RateLimitOptions> = {}): InProcessRateLimiter {
  const { perMinute, burst, maxKeys, now } = { ...DEFAULT_RATE_LIMIT, ...options };
  const perMs = perMinute / 60_000;
  // Every take sets its key, which makes it the most recently used.
  const buckets = new LRUCache<string, { tokens: number; at: number }>({ max: maxKeys });
  return {
    async take(key) {
      if (perMinute <= 0) return { ok: true };
      const at = now();
      const bucket = buckets.get(key);
      // Refill for the time passed; a clock that went backwards refills nothing.
      const tokens = bucket ? Math.min(burst, bucket.tokens + Math.max(0, at - bucket.at) * perMs) : burst;
      if (tokens >= 1) {
        buckets.set(key, { tokens: tokens - 1, at });
        return { ok: true };
      }
      buckets.set(key, { tokens, at });
      return { ok: false, retryAfterMs: Math.ceil((1 - tokens) / perMs) };
    },
    get size() {
      return buckets.size;
    },
  };
}

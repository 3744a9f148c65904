import { LRUCache } from 'lru-cache';
import { lruClock } from './lru-clock.js';

/**
 * A bounded set of recently seen ids (de-duplication of retried events, replayed requests).
 * Asynchronous so that a set shared by several instances (Redis) fits behind it.
 */
export interface SeenSet {
  /** True when `id` was seen within the TTL; otherwise records it and resolves false. */
  seen(id: string): Promise<boolean>;
}

export interface SeenSetOptions {
  /** How long an id is remembered after it was first seen. */
  ttlMs?: number;
  /** Caps memory under a flood of distinct ids; the oldest go first. */
  maxSize?: number;
  now?: () => number;
}

/** One process's seen ids, on an LRU cache with a time to live (the embedded default). */
export interface InProcessSeenSet extends SeenSet {
  /** Ids held (expired ones until the next sweep); for tests. */
  readonly size: number;
}

/** How long an id is remembered when the set's user does not say. */
export const DEFAULT_SEEN_TTL_MS = 60 * 60 * 1000;

export function inProcessSeenSet({
  ttlMs = DEFAULT_SEEN_TTL_MS,
  maxSize = 10_000,
  now = Date.now,
}: SeenSetOptions = {}): InProcessSeenSet {
  const ids = new LRUCache<string, true>({ max: maxSize, ttl: ttlMs, ...lruClock(now) });
  // Expired ids that are never asked about again are swept once per TTL: a full sweep costs
  // one pass, so at most one pass per TTL keeps the cost per id constant.
  let sweptAt = now();
  return {
    async seen(id) {
      const at = now();
      if (at - sweptAt >= ttlMs) {
        ids.purgeStale();
        sweptAt = at;
      }
      // An id expires once `ttlMs` has passed since it was first seen (remaining time 0).
      if (ids.getRemainingTTL(id) > 0) return true;
      ids.set(id, true);
      return false;
    },
    get size() {
      return ids.size;
    },
  };
}

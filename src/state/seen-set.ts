import { SeenSetFullError } from '../errors.js';

/**
 * A set of recently seen ids, each remembered for a fixed time (de-duplication of retried
 * events, replayed requests). Asynchronous so that a set shared by several instances (Redis:
 * set-if-absent with an expiry) fits behind it.
 *
 * Every id is remembered for its whole TTL: an implementation never forgets an unexpired id to
 * make room, since a forgotten signature is a replay that would be answered again. One that is
 * bounded in memory rejects instead, with {@link SeenSetFullError}, and the caller sheds the
 * request (nothing is acknowledged that could not be checked).
 */
export interface SeenSet {
  /**
   * True when `id` was seen within the TTL; otherwise records it and resolves false. Rejects
   * with `SeenSetFullError` when it cannot record `id` without forgetting an unexpired id.
   */
  seen(id: string): Promise<boolean>;
}

export interface SeenSetOptions {
  /** How long an id is remembered after it was first seen. */
  ttlMs?: number;
  /**
   * Most unexpired ids held at once (in-process sets). Size it for the rate the instance can
   * serve times the TTL: past it, requests are refused, never ids forgotten.
   */
  maxSize?: number;
  now?: () => number;
}

/** One process's seen ids (the embedded default). */
export interface InProcessSeenSet extends SeenSet {
  /** Ids held, expired ones until the next call; for tests. */
  readonly size: number;
}

/** How long an id is remembered when the set's user does not say. */
export const DEFAULT_SEEN_TTL_MS = 60 * 60 * 1000;

/**
 * Ids in a `Map` in the order they were first seen. With one TTL for all, that is also the order
 * in which they expire, so expired ids are dropped from the front, a few per call, at constant
 * cost per id. (An LRU cache, lru-cache included, makes room by evicting the least recently used
 * entry whether or not it has expired: the very flush this set must not allow.)
 */
export function inProcessSeenSet({
  ttlMs = DEFAULT_SEEN_TTL_MS,
  maxSize = 10_000,
  now = Date.now,
}: SeenSetOptions = {}): InProcessSeenSet {
  const expiries = new Map<string, number>();
  const dropExpired = (at: number) => {
    for (const [id, expiresAt] of expiries) {
      // A clock that stepped back can leave a later id first; it then goes a little late.
      if (expiresAt > at) return;
      expiries.delete(id);
    }
  };
  return {
    async seen(id) {
      const at = now();
      dropExpired(at);
      const expiresAt = expiries.get(id);
      if (expiresAt !== undefined && expiresAt > at) return true;
      if (expiries.size >= maxSize) throw new SeenSetFullError(maxSize);
      expiries.set(id, at + ttlMs);
      return false;
    },
    get size() {
      return expiries.size;
    },
  };
}

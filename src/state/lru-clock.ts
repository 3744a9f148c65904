import type { LRUCache } from 'lru-cache';

/**
 * lru-cache options that make it read time from `now` on every check. Two details of lru-cache
 * matter with an injected clock: by default it caches the time for a millisecond of real time
 * (`ttlResolution`), and it reads a start time of 0 as "no time to live", so the clock is
 * shifted by one: a test clock starting at 0 then works, and differences are unchanged.
 */
export function lruClock(
  now: () => number,
): Pick<LRUCache.OptionsBase<string, object, unknown>, 'perf' | 'ttlResolution'> {
  return { perf: { now: () => now() + 1 }, ttlResolution: 0 };
}

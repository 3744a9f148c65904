import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { inProcessRateLimiter, limiterWindow, type RateLimiter } from '../../src/state/rate-limit.js';

/** rate-limiter-flexible's memory store reads Date.now and expires keys with setTimeout: both are faked. */
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
  vi.setSystemTime(0);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('limiterWindow', () => {
  it('gives the burst a window in which it is the per-minute rate, in whole seconds', () => {
    expect(limiterWindow({ perMinute: 30, burst: 10 })).toEqual({ points: 10, duration: 20 });
    expect(limiterWindow({ perMinute: 7, burst: 10 })).toEqual({ points: 10, duration: 86 });
    expect(limiterWindow({ perMinute: 100_000, burst: 1 })).toEqual({ points: 1, duration: 1 });
  });
});

describe('inProcessRateLimiter', () => {
  it('lets a burst through, then refuses with the wait until the window ends', async () => {
    const limiter = inProcessRateLimiter({ perMinute: 6, burst: 3 });
    expect(await takes(limiter, 'u', 3)).toEqual([true, true, true]);
    vi.advanceTimersByTime(4_000);
    expect(await limiter.take('u')).toEqual({ ok: false, retryAfterMs: 26_000 });
  });

  it('starts counting again when the window ends', async () => {
    const limiter = inProcessRateLimiter({ perMinute: 6, burst: 2 });
    await takes(limiter, 'u', 2);
    vi.advanceTimersByTime(19_999);
    expect((await limiter.take('u')).ok).toBe(false);
    vi.advanceTimersByTime(1);
    expect(await takes(limiter, 'u', 3)).toEqual([true, true, false]);
  });

  it('keeps users apart', async () => {
    const limiter = inProcessRateLimiter({ perMinute: 1, burst: 1 });
    expect((await limiter.take('a')).ok).toBe(true);
    expect((await limiter.take('a')).ok).toBe(false);
    expect((await limiter.take('b')).ok).toBe(true);
  });

  it('is off at 0 a minute', async () => {
    const limiter = inProcessRateLimiter({ perMinute: 0, burst: 1 });
    for (let i = 0; i < 100; i++) expect((await limiter.take('u')).ok).toBe(true);
  });

  it('never admits more than the burst plus what the elapsed time allows', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.integer({ min: 0, max: 5_000 })), {
          maxLength: 300,
        }),
        async (perMinute, burst, steps) => {
          vi.setSystemTime(0);
          const limiter = inProcessRateLimiter({ perMinute, burst });
          const admitted = new Map<string, number>();
          let elapsed = 0;
          for (const [key, dt] of steps) {
            vi.advanceTimersByTime(dt);
            elapsed += dt;
            if ((await limiter.take(key)).ok) admitted.set(key, (admitted.get(key) ?? 0) + 1);
          }
          for (const count of admitted.values()) {
            expect(count).toBeLessThanOrEqual(burst + Math.floor((elapsed * perMinute) / 60_000));
          }
        },
      ),
      { numRuns: 60 },
    );
  });
});

/** The admissions of `count` questions of `key` in a row. */
async function takes(limiter: RateLimiter, key: string, count: number): Promise<boolean[]> {
  const admitted: boolean[] = [];
  for (let i = 0; i < count; i++) admitted.push((await limiter.take(key)).ok);
  return admitted;
}

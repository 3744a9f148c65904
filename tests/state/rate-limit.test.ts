import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { inProcessRateLimiter, type RateLimiter } from '../../src/state/rate-limit.js';

describe('inProcessRateLimiter', () => {
  it('lets a burst through, then refuses with the wait until the next token', async () => {
    const now = 0;
    const limiter = inProcessRateLimiter({ perMinute: 6, burst: 3, now: () => now });
    expect(await takes(limiter, 'u', 3)).toEqual([true, true, true]);
    expect(await limiter.take('u')).toEqual({ ok: false, retryAfterMs: 10_000 });
  });

  it('refills at the per-minute rate, never beyond the burst', async () => {
    let now = 0;
    const limiter = inProcessRateLimiter({ perMinute: 6, burst: 2, now: () => now });
    await limiter.take('u');
    await limiter.take('u');
    now = 9_999;
    expect((await limiter.take('u')).ok).toBe(false);
    now = 20_000;
    expect((await limiter.take('u')).ok).toBe(true);
    now = 10 * 60_000;
    expect(await takes(limiter, 'u', 3)).toEqual([true, true, false]);
  });

  it('keeps users apart', async () => {
    const limiter = inProcessRateLimiter({ perMinute: 1, burst: 1, now: () => 0 });
    expect((await limiter.take('a')).ok).toBe(true);
    expect((await limiter.take('a')).ok).toBe(false);
    expect((await limiter.take('b')).ok).toBe(true);
  });

  it('holds at most maxKeys buckets, dropping the least recently used', async () => {
    const limiter = inProcessRateLimiter({ perMinute: 1, burst: 1, maxKeys: 2, now: () => 0 });
    await limiter.take('a');
    await limiter.take('b');
    await limiter.take('a'); // refused, but touches a: b is now the least recently used
    await limiter.take('c');
    expect(limiter.size).toBe(2);
    expect((await limiter.take('a')).ok).toBe(false); // a kept its empty bucket
    expect((await limiter.take('b')).ok).toBe(true); // b was dropped and comes back full
  });

  it('is off at 0 a minute and holds nothing', async () => {
    const limiter = inProcessRateLimiter({ perMinute: 0, burst: 1, now: () => 0 });
    for (let i = 0; i < 100; i++) expect((await limiter.take('u')).ok).toBe(true);
    expect(limiter.size).toBe(0);
  });

  it('refills nothing when the clock goes backwards', async () => {
    let now = 60_000;
    const limiter = inProcessRateLimiter({ perMinute: 60, burst: 1, now: () => now });
    await limiter.take('u');
    now = 0;
    expect((await limiter.take('u')).ok).toBe(false);
  });

  it('never admits more than the burst plus what the elapsed time refills', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.integer({ min: 0, max: 5_000 })), {
          maxLength: 300,
        }),
        async (perMinute, burst, steps) => {
          let now = 0;
          const limiter = inProcessRateLimiter({ perMinute, burst, maxKeys: 10, now: () => now });
          const admitted = new Map<string, number>();
          for (const [key, dt] of steps) {
            now += dt;
            if ((await limiter.take(key)).ok) admitted.set(key, (admitted.get(key) ?? 0) + 1);
          }
          for (const count of admitted.values()) {
            expect(count).toBeLessThanOrEqual(burst + Math.floor((now * perMinute) / 60_000));
          }
        },
      ),
    );
  });
});

/** The admissions of `count` questions of `key` in a row. */
async function takes(limiter: RateLimiter, key: string, count: number): Promise<boolean[]> {
  const admitted: boolean[] = [];
  for (let i = 0; i < count; i++) admitted.push((await limiter.take(key)).ok);
  return admitted;
}

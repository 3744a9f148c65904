import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Bot } from '../../src/bot/bot.js';
import { withRateLimit } from '../../src/bot/limited-bot.js';
import type { Query } from '../../src/bot/query.js';
import { createRateLimiter } from '../../src/bot/rate-limit.js';

describe('createRateLimiter', () => {
  it('lets a burst through, then refuses with the wait until the next token', () => {
    const now = 0;
    const limiter = createRateLimiter({ perMinute: 6, burst: 3, now: () => now });
    expect([1, 2, 3].map(() => limiter.take('u').ok)).toEqual([true, true, true]);
    expect(limiter.take('u')).toEqual({ ok: false, retryAfterMs: 10_000 });
  });

  it('refills at the per-minute rate, never beyond the burst', () => {
    let now = 0;
    const limiter = createRateLimiter({ perMinute: 6, burst: 2, now: () => now });
    limiter.take('u');
    limiter.take('u');
    now = 9_999;
    expect(limiter.take('u').ok).toBe(false);
    now = 20_000;
    expect(limiter.take('u').ok).toBe(true);
    now = 10 * 60_000;
    expect([1, 2, 3].map(() => limiter.take('u').ok)).toEqual([true, true, false]);
  });

  it('keeps users apart', () => {
    const limiter = createRateLimiter({ perMinute: 1, burst: 1, now: () => 0 });
    expect(limiter.take('a').ok).toBe(true);
    expect(limiter.take('a').ok).toBe(false);
    expect(limiter.take('b').ok).toBe(true);
  });

  it('holds at most maxKeys buckets, dropping the least recently used', () => {
    const limiter = createRateLimiter({ perMinute: 1, burst: 1, maxKeys: 2, now: () => 0 });
    limiter.take('a');
    limiter.take('b');
    limiter.take('a'); // refused, but touches a: b is now the least recently used
    limiter.take('c');
    expect(limiter.size).toBe(2);
    expect(limiter.take('a').ok).toBe(false); // a kept its empty bucket
    expect(limiter.take('b').ok).toBe(true); // b was dropped and comes back full
  });

  it('is off at 0 a minute and holds nothing', () => {
    const limiter = createRateLimiter({ perMinute: 0, burst: 1, now: () => 0 });
    for (let i = 0; i < 100; i++) expect(limiter.take('u').ok).toBe(true);
    expect(limiter.size).toBe(0);
  });

  it('refills nothing when the clock goes backwards', () => {
    let now = 60_000;
    const limiter = createRateLimiter({ perMinute: 60, burst: 1, now: () => now });
    limiter.take('u');
    now = 0;
    expect(limiter.take('u').ok).toBe(false);
  });

  it('never admits more than the burst plus what the elapsed time refills', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 120 }),
        fc.integer({ min: 1, max: 20 }),
        fc.array(fc.tuple(fc.constantFrom('a', 'b', 'c'), fc.integer({ min: 0, max: 5_000 })), {
          maxLength: 300,
        }),
        (perMinute, burst, steps) => {
          let now = 0;
          const limiter = createRateLimiter({ perMinute, burst, maxKeys: 10, now: () => now });
          const admitted = new Map<string, number>();
          for (const [key, dt] of steps) {
            now += dt;
            if (limiter.take(key).ok) admitted.set(key, (admitted.get(key) ?? 0) + 1);
          }
          for (const count of admitted.values()) {
            expect(count).toBeLessThanOrEqual(burst + Math.floor((now * perMinute) / 60_000));
          }
        },
      ),
    );
  });
});

describe('withRateLimit', () => {
  /** A stand-in core: the limit does not depend on how questions are answered. */
  const core: Bot = {
    packs: [],
    ask: (q) => ({
      kind: 'builtin',
      intent: 'help',
      text: `asked ${q.text}`,
      examples: [],
      topics: [],
      suggestions: [],
    }),
    choose: () => ({ kind: 'no-match', text: 'chosen', confidence: 0, suggestions: [] }),
    explain: () => ({ terms: [], candidates: [], subjects: [] }),
  };
  const query = (user: string, platform: Query['platform'] = 'slack'): Query => ({
    text: 'who is Krasikov?',
    user,
    conversation: `c-${user}`,
    platform,
  });

  it('answers until the burst is spent, then asks the user to wait, politely', () => {
    const bot = withRateLimit(core, createRateLimiter({ perMinute: 6, burst: 2, now: () => 0 }));
    expect(bot.ask(query('u')).kind).toBe('builtin');
    expect(bot.ask(query('u')).kind).toBe('builtin');
    const refused = bot.ask(query('u'));
    expect(refused).toMatchObject({ kind: 'invalid', reason: 'rate-limited' });
    expect(refused.text).toMatch(/wait 10 seconds/);
    // Card picks spend tokens too; and other users are not affected.
    expect(bot.choose(query('u'), { pack: 'p', card: 'c' })).toMatchObject({ reason: 'rate-limited' });
    expect(bot.ask(query('v')).kind).toBe('builtin');
  });

  it('keys users by platform, and leaves the console alone', () => {
    const bot = withRateLimit(core, createRateLimiter({ perMinute: 1, burst: 1, now: () => 0 }), {
      exempt: ['console'],
    });
    expect(bot.ask(query('u', 'slack')).kind).toBe('builtin');
    expect(bot.ask(query('u', 'discord')).kind).toBe('builtin');
    for (let i = 0; i < 5; i++) expect(bot.ask(query('u', 'console')).kind).toBe('builtin');
    expect(bot.packs).toBe(core.packs);
  });
});

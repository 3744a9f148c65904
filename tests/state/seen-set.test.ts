import { describe, expect, it } from 'vitest';
import { SeenSetFullError } from '../../src/errors.js';
import { inProcessSeenSet } from '../../src/state/seen-set.js';

describe('inProcessSeenSet', () => {
  it('reports an id seen again within the TTL', async () => {
    const seen = inProcessSeenSet({ ttlMs: 1000, now: () => 0 });
    expect(await seen.seen('Ev1')).toBe(false);
    expect(await seen.seen('Ev1')).toBe(true);
    expect(await seen.seen('Ev2')).toBe(false);
  });

  it('forgets ids once their TTL has passed', async () => {
    let now = 0;
    const seen = inProcessSeenSet({ ttlMs: 1000, now: () => now });
    await seen.seen('Ev1');
    now = 999;
    expect(await seen.seen('Ev1')).toBe(true);
    now = 1000;
    expect(await seen.seen('Ev1')).toBe(false);
  });

  it('never forgets an unexpired id to make room: when full, it refuses the new one', async () => {
    let now = 0;
    const seen = inProcessSeenSet({ ttlMs: 60_000, maxSize: 3, now: () => now });
    for (const id of ['a', 'b', 'c']) expect(await seen.seen(id)).toBe(false);
    await expect(seen.seen('d')).rejects.toBeInstanceOf(SeenSetFullError);
    expect(seen.size).toBe(3);
    // Still known, every one: the refused id flushed nothing.
    for (const id of ['a', 'b', 'c']) expect(await seen.seen(id)).toBe(true);
    // Room comes back as ids expire, and only then.
    now = 60_000;
    expect(await seen.seen('d')).toBe(false);
  });

  it('holds every id of a flood within its TTL (10,000 others do not flush a replay)', async () => {
    let now = 0;
    const seen = inProcessSeenSet({ ttlMs: 600_000, maxSize: 20_000, now: () => now });
    expect(await seen.seen('v0=first')).toBe(false);
    for (let i = 0; i < 10_000; i++) {
      now += 1;
      await seen.seen(`v0=other${i}`);
    }
    expect(await seen.seen('v0=first')).toBe(true);
  });

  it('prunes expired ids even when they are not asked about again', async () => {
    let now = 0;
    const seen = inProcessSeenSet({ ttlMs: 10, now: () => now });
    for (let i = 0; i < 100; i++) await seen.seen(`old${i}`);
    now = 50;
    await seen.seen('new');
    expect(seen.size).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
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

  it('stays bounded, dropping the oldest ids first', async () => {
    const seen = inProcessSeenSet({ ttlMs: 60_000, maxSize: 3, now: () => 0 });
    for (const id of ['a', 'b', 'c', 'd']) await seen.seen(id);
    expect(seen.size).toBe(3);
    expect(await seen.seen('d')).toBe(true);
    expect(await seen.seen('a')).toBe(false);
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

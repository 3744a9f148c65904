import { describe, expect, it } from 'vitest';
import { createSeenSet } from '../../../adapters/slack/dedupe.js';

describe('createSeenSet', () => {
  it('reports an id seen again within the TTL', () => {
    const seen = createSeenSet({ ttlMs: 1000, now: () => 0 });
    expect(seen.seen('Ev1')).toBe(false);
    expect(seen.seen('Ev1')).toBe(true);
    expect(seen.seen('Ev2')).toBe(false);
  });

  it('forgets ids once their TTL has passed', () => {
    let now = 0;
    const seen = createSeenSet({ ttlMs: 1000, now: () => now });
    seen.seen('Ev1');
    now = 999;
    expect(seen.seen('Ev1')).toBe(true);
    now = 1000;
    expect(seen.seen('Ev1')).toBe(false);
  });

  it('stays bounded, dropping the oldest ids first', () => {
    const seen = createSeenSet({ ttlMs: 60_000, maxSize: 3, now: () => 0 });
    for (const id of ['a', 'b', 'c', 'd']) seen.seen(id);
    expect(seen.size).toBe(3);
    expect(seen.seen('d')).toBe(true);
    expect(seen.seen('a')).toBe(false);
  });

  it('prunes expired ids even when they are not asked about again', () => {
    let now = 0;
    const seen = createSeenSet({ ttlMs: 10, now: () => now });
    for (let i = 0; i < 100; i++) seen.seen(`old${i}`);
    now = 50;
    seen.seen('new');
    expect(seen.size).toBe(1);
  });
});

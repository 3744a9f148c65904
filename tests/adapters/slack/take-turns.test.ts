import { describe, expect, it } from 'vitest';
import { createTurns } from '../../../adapters/slack/take-turns.js';

describe('createTurns', () => {
  it('releases waiters one per turn of the event loop, I/O and timers in between', async () => {
    const turns = createTurns();
    const order: string[] = [];
    const waiters = [1, 2, 3].map((n) => turns.next().then(() => order.push(`answer ${n}`)));
    expect(turns.waiting).toBe(3);
    // An immediate queued now runs between the first and second release.
    setImmediate(() => order.push('other work'));
    await Promise.all(waiters);
    expect(order).toEqual(['answer 1', 'other work', 'answer 2', 'answer 3']);
  });

  it('goes at once when too many already wait', async () => {
    const turns = createTurns(2);
    const order: string[] = [];
    const waiters = [1, 2, 3].map((n) => turns.next().then(() => order.push(`answer ${n}`)));
    await Promise.all(waiters);
    expect(order[0]).toBe('answer 3');
  });
});

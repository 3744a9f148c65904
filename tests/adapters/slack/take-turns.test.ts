import { describe, expect, it } from 'vitest';
import { createTurns } from '../../../adapters/slack/take-turns.js';

/** Resolves at the end of the current turn of the event loop (after its I/O). */
const endOfTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

describe('createTurns', () => {
  it('releases every answer waiting at the end of the turn, after the work of that turn', async () => {
    const turns = createTurns();
    const order: string[] = [];
    const waiters = [1, 2, 3].map((n) => turns.next().then(() => order.push(`answer ${n}`)));
    expect(turns.waiting).toBe(3);
    // Work of this turn (an acknowledgement) goes before them, work of the next turn after them.
    order.push('ack of this turn');
    setImmediate(() => setImmediate(() => order.push('work of the next turn')));
    await Promise.all(waiters);
    await endOfTurn();
    await endOfTurn();
    expect(order).toEqual(['ack of this turn', 'answer 1', 'answer 2', 'answer 3', 'work of the next turn']);
    expect(turns.waiting).toBe(0);
    turns.close();
  });

  it('keeps answers one turn behind their acknowledgements under a steady stream of new work', async () => {
    // A stand-in for a busy server: every turn acknowledges 20 new requests, each of which waits
    // for its turn to answer. Under the old one-answer-per-turn pacing, answers fell behind by
    // 19 a turn; here none waits longer than one turn.
    const turns = createTurns();
    let currentTurn = 0;
    let answered = 0;
    let acknowledged = 0;
    let worstLag = 0;
    for (let turn = 0; turn < 50; turn++) {
      for (let i = 0; i < 20; i++) {
        acknowledged += 1;
        const ackedInTurn = turn;
        void turns.next().then(() => {
          answered += 1;
          worstLag = Math.max(worstLag, currentTurn - ackedInTurn);
        });
      }
      currentTurn = turn;
      await endOfTurn();
      currentTurn = turn + 1;
    }
    await endOfTurn();
    expect(answered).toBe(acknowledged);
    expect(worstLag).toBeLessThanOrEqual(1);
    turns.close();
  });

  it('admits up to maxWaiting answers due this turn and maxPending unfinished requests, then sheds', async () => {
    const turns = createTurns({ maxWaiting: 2, maxPending: 3 });
    const first = turns.admit();
    const second = turns.admit();
    expect(first && second).toBeTruthy();
    const answers = [turns.next(), turns.next()];
    expect(turns.admit()).toBeUndefined(); // two answers already due this turn
    expect(turns.shed).toBe(1);
    await Promise.all(answers);
    const third = turns.admit();
    expect(third).toBeDefined();
    expect(turns.pending).toBe(3);
    expect(turns.admit()).toBeUndefined(); // three unfinished
    first?.release();
    first?.release(); // idempotent
    expect(turns.pending).toBe(2);
    expect(turns.admit()).toBeDefined();
    expect(turns.shed).toBe(2);
    turns.close();
  });

  it('sheds while the event loop runs late, requests having waited unread, and admits again once it catches up', async () => {
    const turns = createTurns({ maxLagMs: 300 });
    const blockedUntil = performance.now() + 800;
    while (performance.now() < blockedUntil) {
      // The process is busy (or gets no CPU): requests would wait in the kernel meanwhile.
    }
    // The lag sampler, overdue, runs before this timer, as it would before the waiting I/O.
    await new Promise((resolve) => setTimeout(resolve, 1));
    expect(turns.lagMs).toBeGreaterThan(300);
    expect(turns.admit()).toBeUndefined();
    expect(turns.refusedFor).toBe('lag');
    while (turns.lagMs > 300) await new Promise((resolve) => setTimeout(resolve, 20));
    expect(turns.admit()).toBeDefined();
    turns.close();
  });

  it('reports busy after the event loop has had no idle time for a while, and not once it idles', async () => {
    const turns = createTurns();
    expect(turns.busy).toBe(false);
    const until = performance.now() + 400;
    while (performance.now() < until) {
      // Work back to back, as under a queue of requests.
    }
    await new Promise((resolve) => setTimeout(resolve, 1));
    expect(turns.busy).toBe(true);
    while (turns.busy) await new Promise((resolve) => setTimeout(resolve, 20));
    turns.close();
  });
});

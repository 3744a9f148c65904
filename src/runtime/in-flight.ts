/**
 * Counts work under way (a question being answered and its reply being delivered) so that a
 * shutdown can wait for it: an adapter stops taking new work, then awaits {@link InFlight.idle}.
 */
export interface InFlight {
  /** Runs `work` and counts it until it settles; its result or rejection passes through. */
  track<T>(work: Promise<T>): Promise<T>;
  /** Settles when nothing is in flight (at once if nothing is). */
  idle(): Promise<void>;
  readonly count: number;
}

export function createInFlight(): InFlight {
  let count = 0;
  let waiters: Array<() => void> = [];
  const done = () => {
    count -= 1;
    if (count > 0) return;
    const settled = waiters;
    waiters = [];
    for (const resolve of settled) resolve();
  };
  return {
    track(work) {
      count += 1;
      return work.finally(done);
    },
    idle() {
      if (count === 0) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
    get count() {
      return count;
    },
  };
}

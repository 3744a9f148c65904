/**
 * Counts work under way (a question being answered and its reply being delivered) so that a
 * shutdown can wait for it: an adapter stops taking new work, then awaits {@link InFlight.idle}.
 * Each piece of work may carry a label (an id), so that what is still under way when a shutdown
 * gives up can be named, one log line each.
 */
export interface InFlight<Label = unknown> {
  /** Runs `work` and counts it until it settles; its result or rejection passes through. */
  track<T>(work: Promise<T>, label?: Label): Promise<T>;
  /** Settles when nothing is in flight (at once if nothing is). */
  idle(): Promise<void>;
  /** Labels of the work under way, oldest first (work tracked without one is counted only). */
  labels(): Label[];
  readonly count: number;
}

export function createInFlight<Label = unknown>(): InFlight<Label> {
  let count = 0;
  let next = 0;
  const labelled = new Map<number, Label>();
  let waiters: Array<() => void> = [];
  const done = (key: number) => {
    labelled.delete(key);
    count -= 1;
    if (count > 0) return;
    const settled = waiters;
    waiters = [];
    for (const resolve of settled) resolve();
  };
  return {
    track(work, label) {
      count += 1;
      const key = next++;
      if (label !== undefined) labelled.set(key, label);
      return work.finally(() => done(key));
    },
    idle() {
      if (count === 0) return Promise.resolve();
      return new Promise((resolve) => waiters.push(resolve));
    },
    labels: () => [...labelled.values()],
    get count() {
      return count;
    },
  };
}

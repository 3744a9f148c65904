import { until } from '../../../support/until.js';

/** Records what a fake received and lets a test wait for the first record that matches. */
export class Recorder<T> {
  readonly items: T[] = [];
  private waiters: Array<{ match: (item: T) => boolean; resolve: (item: T) => void }> = [];

  push(item: T): void {
    this.items.push(item);
    for (const waiter of [...this.waiters]) {
      if (waiter.match(item)) {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        waiter.resolve(item);
      }
    }
  }

  filter(match: (item: T) => boolean): T[] {
    return this.items.filter(match);
  }

  /** Resolves with the first record (past or future) that matches; rejects after `timeoutMs`. */
  waitFor(match: (item: T) => boolean, what: string, timeoutMs = 20_000): Promise<T> {
    const found = this.items.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const waiter = {
        match,
        resolve: (item: T) => {
          clearTimeout(timer);
          resolve(item);
        },
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new Error(`timed out waiting for ${what}`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }
}

/**
 * Resolves once the adapter has nothing in flight: every request it has acknowledged has been
 * handled to the end (answered, or dropped), so that "nothing was sent" is then a fact rather
 * than a guess after a pause. Call it once the responses to the requests in question have come
 * back: Bolt counts a request in flight before it acknowledges it.
 */
export function handled(adapter: { readonly inFlight: number }): Promise<void> {
  return until(() => adapter.inFlight === 0, 'the adapter to finish the requests it took');
}

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
  waitFor(match: (item: T) => boolean, what: string, timeoutMs = 3000): Promise<T> {
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

/** Gives in-flight listeners a moment, so that "nothing was sent" is a meaningful assertion. */
export function settle(ms = 60): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

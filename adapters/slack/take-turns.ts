/**
 * Paces work that can wait behind work that cannot. A Slack acknowledgement must reach Slack
 * within 3 seconds, an answer through response_url within 30 minutes; both cost CPU on one
 * event loop. Callers `await turns.next()` after acknowledging: waiting callers are released one
 * per turn of the event loop, so between two answers Node reads new requests and acknowledges
 * them. A burst is then acknowledged at the speed of acknowledgement alone, and answered right
 * after. When nothing else is waiting, each turn is immediate and answers go out at full speed.
 *
 * Bounded: with `maxWaiting` callers already waiting, the next one goes at once instead, so
 * under sustained overload acknowledgements slow down with the answers (back-pressure) rather
 * than answers piling up in memory.
 */
export interface Turns {
  next(): Promise<void>;
  readonly waiting: number;
}

export function createTurns(maxWaiting = 5000): Turns {
  const queue: Array<() => void> = [];
  let pumping = false;
  const pump = () => {
    const release = queue.shift();
    if (!release) {
      pumping = false;
      return;
    }
    release();
    // setImmediate, not a microtask: I/O callbacks (new requests) run before the next release.
    setImmediate(pump);
  };
  return {
    next() {
      if (queue.length >= maxWaiting) return Promise.resolve();
      return new Promise<void>((resolve) => {
        queue.push(resolve);
        if (!pumping) {
          pumping = true;
          setImmediate(pump);
        }
      });
    },
    get waiting() {
      return queue.length;
    },
  };
}

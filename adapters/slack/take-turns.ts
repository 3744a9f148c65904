/**
 * Paces answers behind acknowledgements, and says when to refuse work instead of queueing it.
 *
 * A Slack acknowledgement must reach Slack within 3 seconds; the answer follows through
 * response_url or the Web API. Both cost CPU on one event loop. A listener acknowledges, then
 * awaits {@link Turns.next}: the answers waiting are released together at the end of the current
 * turn of the event loop (`setImmediate`), after the requests that arrived in the same turn were
 * acknowledged. So a burst is acknowledged first and answered right after, and an answer never
 * waits more than one turn behind its acknowledgement: answers keep pace with acknowledgements.
 * (Releasing one answer per turn, as before, let a steady stream of new requests starve them.)
 *
 * What keeps a turn short is admission: a request is admitted, before it is acknowledged, only
 * while fewer than `maxWaiting` answers wait for the next turn (that bounds the work of one turn,
 * hence the acknowledgement latency of requests arriving meanwhile), fewer than `maxPending`
 * admitted requests are unfinished (answers being delivered included: that bounds memory and
 * the drain at shutdown when Slack is slow to take them), and the event loop is not running late
 * by more than `maxLagMs` (requests then wait unread, see {@link TurnsOptions.maxLagMs}). A
 * request refused is shed by the caller, honestly: a 503 or a "busy" reply, never a silent queue.
 */
export interface Turns {
  /**
   * Admits one more request, or returns undefined when it must be shed. The admission must be
   * released once the request is finished (answered, or found to need no answer).
   */
  admit(): Admission | undefined;
  /** Resolves at the end of this turn of the event loop, with every other answer waiting. */
  next(): Promise<void>;
  /** Answers waiting for the next turn. */
  readonly waiting: number;
  /** Admitted requests not yet finished. */
  readonly pending: number;
  /** Requests refused by {@link Turns.admit} so far. */
  readonly shed: number;
  /** Why the last request shed was refused. */
  readonly refusedFor: 'answers due' | 'pending' | 'lag' | undefined;
  /** How late the event loop ran its last check, in ms: time requests may have waited unread. */
  readonly lagMs: number;
  /**
   * The event loop has hardly been idle lately (over 90% busy, smoothed over about 100 ms): work
   * is waiting, here or in front of the process (a load balancer's queue), where it cannot be
   * counted. Callers then refuse requests that have already waited long (see `http-receiver.ts`).
   */
  readonly busy: boolean;
  /** Stops watching the event loop. */
  close(): void;
}

export interface Admission {
  /** Idempotent. */
  release(): void;
}

export interface TurnsOptions {
  /** Answers one turn may release; beyond, requests are shed. */
  maxWaiting: number;
  /** Admitted requests not yet finished; beyond, requests are shed. */
  maxPending: number;
  /**
   * Event-loop lag beyond which requests are shed. When the process gets less CPU than its
   * traffic needs (its own load, or a machine shared with other work), requests wait unread in
   * the kernel, where no count sees them; the lag does. Refusing them costs a fraction of
   * answering them, so the hidden queue drains at once instead of growing.
   */
  maxLagMs: number;
}

/**
 * Chosen on this 2-core machine: an answer costs about 1.5 ms of CPU, so a turn releases at most
 * about 150 ms of answers; 500 unfinished requests are drained in about a second when the
 * response_url endpoint answers promptly; requests that waited half a second unread are refused
 * (Slack gives up at 3 s; an acknowledgement that late is already far off its 100 ms target).
 * `SLACK_MAX_PENDING` and `SLACK_MAX_LAG_MS` override the last two.
 */
export const DEFAULT_TURNS: Readonly<TurnsOptions> = Object.freeze({
  maxWaiting: 100,
  maxPending: 500,
  maxLagMs: 500,
});

/** How often the event loop's lag and utilization are sampled. */
const LAG_SAMPLE_MS = 20;
/** Time constant of the smoothed utilization. */
const UTILIZATION_WINDOW_MS = 100;

export function createTurns(options: Partial<TurnsOptions> = {}): Turns {
  const { maxWaiting, maxPending, maxLagMs } = { ...DEFAULT_TURNS, ...options };
  let queue: Array<() => void> = [];
  // Timers run before I/O in each turn, so after a stall this sample is taken before the
  // requests that waited through it are read: they are judged by how long they waited.
  let lagMs = 0;
  let expected = performance.now() + LAG_SAMPLE_MS;
  let utilization = 0;
  let lastElu = performance.eventLoopUtilization();
  const sampler = setInterval(() => {
    const now = performance.now();
    const elapsed = now - (expected - LAG_SAMPLE_MS);
    lagMs = Math.max(0, now - expected);
    expected = now + LAG_SAMPLE_MS;
    const elu = performance.eventLoopUtilization();
    const recent = performance.eventLoopUtilization(elu, lastElu).utilization;
    lastElu = elu;
    // Smoothed over time, not samples: a long stall (one late sample) counts for its length.
    const weight = 1 - Math.exp(-Math.max(0, elapsed) / UTILIZATION_WINDOW_MS);
    utilization += weight * (recent - utilization);
  }, LAG_SAMPLE_MS);
  sampler.unref();
  let scheduled = false;
  let pending = 0;
  let shed = 0;
  let refusedFor: Turns['refusedFor'];
  const pump = () => {
    scheduled = false;
    const released = queue;
    queue = [];
    for (const release of released) release();
  };
  return {
    admit() {
      refusedFor =
        queue.length >= maxWaiting
          ? 'answers due'
          : pending >= maxPending
            ? 'pending'
            : lagMs > maxLagMs
              ? 'lag'
              : refusedFor;
      if (queue.length >= maxWaiting || pending >= maxPending || lagMs > maxLagMs) {
        shed += 1;
        return undefined;
      }
      pending += 1;
      let released = false;
      return {
        release() {
          if (released) return;
          released = true;
          pending -= 1;
        },
      };
    },
    next() {
      return new Promise<void>((resolve) => {
        queue.push(resolve);
        if (!scheduled) {
          scheduled = true;
          // setImmediate, not a microtask: the I/O callbacks of this turn (new requests, their
          // acknowledgements) run first.
          setImmediate(pump);
        }
      });
    },
    get waiting() {
      return queue.length;
    },
    get pending() {
      return pending;
    },
    get shed() {
      return shed;
    },
    get refusedFor() {
      return refusedFor;
    },
    get lagMs() {
      return lagMs;
    },
    get busy() {
      return utilization > 0.9;
    },
    close() {
      clearInterval(sampler);
    },
  };
}

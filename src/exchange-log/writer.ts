import type { Logger } from '../log.js';
import type { ExchangeRecorder, LogEntry } from './entries.js';
import type { ExchangeStore } from './store.js';

export interface WriterOptions {
  store: ExchangeStore;
  logger: Logger;
  /** Entries held at most while the store is slow or away; beyond that new ones are dropped. */
  maxBuffered?: number;
  /** Entries written per transaction. */
  batchSize?: number;
  /** How often buffered entries are written; short, so that a vote finds its answer written. */
  flushMs?: number;
  /** Tries per batch before it is given up (a store that is down, or rejects the batch). */
  attempts?: number;
  /** Longest wait between two tries while the store is failing. */
  maxBackoffMs?: number;
  /** Days question text is kept (`LOG_RETENTION_DAYS`); older text is deleted once a day. */
  retentionDays: number;
  now?: () => number;
}

export interface WriterStats {
  buffered: number;
  written: number;
  /** Entries given up: the buffer was full, or their batch failed every try. */
  dropped: number;
  /** The store failed on its last try. */
  failing: boolean;
}

/** The recorder the bot writes to; started and stopped with the process (a lifecycle service). */
export interface ExchangeWriter extends ExchangeRecorder {
  readonly name: string;
  start(): Promise<void>;
  /** Writes what is buffered now, as far as the store lets it. */
  flush(): Promise<void>;
  /** Stops the timer, writes what it can within `timeoutMs`, and closes the store. */
  stop(timeoutMs?: number): Promise<void>;
  stats(): WriterStats;
}

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Writes the log off the answering path: `record` appends to a bounded buffer and returns; a
 * timer writes the buffer in batches, one transaction each, one at a time. A store that is down
 * or full is said once (not per entry) and tried again with growing pauses; meanwhile entries
 * wait in the buffer, and when it is full new ones are dropped and counted. Recovery is said
 * once too, with what was lost. Nothing here can throw into the bot or slow an answer by more
 * than an array push.
 */
export function createExchangeWriter(options: WriterOptions): ExchangeWriter {
  const { store, retentionDays } = options;
  const logger = options.logger.child({ component: 'exchange-log' });
  const maxBuffered = options.maxBuffered ?? 10_000;
  const batchSize = options.batchSize ?? 500;
  const flushMs = options.flushMs ?? 500;
  const attempts = options.attempts ?? 3;
  const maxBackoffMs = options.maxBackoffMs ?? 30_000;
  const now = options.now ?? Date.now;

  let buffer: LogEntry[] = [];
  let written = 0;
  let dropped = 0;
  let droppedInOutage = 0;
  let tries = 0;
  let failures = 0;
  let retryAt = 0;
  let failing = false;
  let overflowing = false;
  let forgottenAt = Number.NEGATIVE_INFINITY;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;

  const drop = (count: number) => {
    dropped += count;
    droppedInOutage += count;
  };

  const fail = (error: unknown) => {
    failures += 1;
    retryAt = now() + Math.min(maxBackoffMs, flushMs * 2 ** failures);
    if (failing) return;
    failing = true;
    logger.error(
      { store: store.description, err: error instanceof Error ? error.message : String(error) },
      'exchange log unavailable: answers go on, exchanges wait and are dropped if it stays away',
    );
  };

  const recovered = () => {
    failures = 0;
    retryAt = 0;
    if (!failing && !overflowing) return;
    logger.info({ store: store.description, dropped: droppedInOutage }, 'exchange log writing again');
    failing = false;
    overflowing = false;
    droppedInOutage = 0;
  };

  /** One step: open if need be, forget old text once a day, write one batch. */
  const step = async (): Promise<boolean> => {
    if (buffer.length === 0 && now() - forgottenAt < DAY_MS) return false;
    if (now() < retryAt) return false;
    const batch = buffer.slice(0, batchSize);
    try {
      await store.open();
      if (now() - forgottenAt >= DAY_MS) {
        await store.forgetTextBefore(new Date(now() - retentionDays * DAY_MS));
        forgottenAt = now();
      }
      if (batch.length > 0) await store.write(batch);
    } catch (error) {
      fail(error);
      tries += 1;
      if (batch.length > 0 && tries >= attempts) {
        // Given up rather than retried forever: a batch the store rejects must not block the rest.
        buffer = buffer.slice(batch.length);
        drop(batch.length);
        tries = 0;
      }
      return false;
    }
    buffer = buffer.slice(batch.length);
    written += batch.length;
    tries = 0;
    recovered();
    return buffer.length > 0;
  };

  /** Writes until the buffer is empty or the store fails; one run at a time. */
  const flush = (): Promise<void> => {
    running ??= (async () => {
      while (await step()) {}
    })().finally(() => {
      running = undefined;
    });
    return running;
  };

  return {
    name: 'exchange-log',
    record(entry) {
      if (buffer.length >= maxBuffered) {
        drop(1);
        if (!overflowing) {
          overflowing = true;
          logger.warn(
            { store: store.description, buffered: buffer.length },
            'exchange log buffer full: new exchanges are dropped until the store catches up',
          );
        }
        return;
      }
      buffer.push(entry);
      // A full batch is written at once rather than waiting for the timer.
      if (timer && buffer.length === batchSize) void flush();
    },
    async start() {
      // Loaded now, at start-up; connecting (which may take long, or fail) happens in the background.
      await store.prepare?.().catch(() => {});
      timer ??= setInterval(() => void flush(), flushMs);
      // The process may end while entries wait; its shutdown writes them (stop).
      timer.unref();
      void flush();
    },
    flush,
    async stop(timeoutMs = 5000) {
      clearInterval(timer);
      timer = undefined;
      const deadline = now() + timeoutMs;
      await running;
      retryAt = 0;
      while (buffer.length > 0 && now() < deadline && (await step())) {}
      if (buffer.length > 0) {
        logger.warn(
          { store: store.description, unwritten: buffer.length },
          'exchange log closed with exchanges unwritten',
        );
        drop(buffer.length);
        buffer = [];
      }
      await store.close().catch(() => {});
    },
    stats: () => ({ buffered: buffer.length, written, dropped, failing }),
  };
}

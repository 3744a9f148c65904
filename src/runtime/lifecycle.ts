import type { Logger } from '../log.js';
import type { Adapter } from '../platform.js';
import type { Health } from './health.js';

/** Something started before the adapters and stopped after them: the health server, the watcher. */
export type Service = Pick<Adapter, 'name' | 'start' | 'stop'>;

/** Where shutdown signals come from: `process` in production, an EventEmitter in tests. */
export interface SignalSource {
  once(signal: NodeJS.Signals, listener: () => void): unknown;
  off(signal: NodeJS.Signals, listener: () => void): unknown;
}

export interface RunOptions {
  adapters: readonly Adapter[];
  services?: readonly Service[];
  health: Health;
  logger: Logger;
  signals: SignalSource;
  /** Longest a shutdown may take before the process gives up on work still in flight. */
  shutdownTimeoutMs: number;
}

/** Exit codes `run` resolves with; only the entry point turns them into `process.exit`. */
export const EXIT = { ok: 0, failed: 1, forced: 130 } as const;

const SIGNALS: readonly NodeJS.Signals[] = ['SIGTERM', 'SIGINT'];

/**
 * Runs the process's adapters from start to graceful stop and resolves with the exit code.
 *
 * Start: services, then each adapter; readiness follows each adapter's state. A start that
 * fails stops what had started and rejects, so the entry point reports it and exits 1. A signal
 * during start-up does not wait for the start to finish.
 *
 * Stop, on SIGTERM or SIGINT, or when every adapter has `finished` (the console at end of
 * input): readiness turns 503 at once so that a load balancer moves traffic away; adapters stop
 * taking work and finish what is in flight (each adapter's `stop` waits for its replies); then
 * the services stop. A second signal, or the timeout, ends it at once with a non-zero code.
 */
export async function run(options: RunOptions): Promise<number> {
  const { adapters, health, logger, signals, shutdownTimeoutMs } = options;
  const services = options.services ?? [];
  const log = logger.child({ component: 'lifecycle' });

  let onSignal: (signal: NodeJS.Signals) => void = () => {};
  const listeners = SIGNALS.map((signal) => {
    const listener = () => onSignal(signal);
    signals.once(signal, listener);
    return [signal, listener] as const;
  });
  const removeListeners = () => {
    for (const [signal, listener] of listeners) signals.off(signal, listener);
  };
  const stopSignal = new Promise<NodeJS.Signals>((resolve) => {
    onSignal = resolve;
  });

  const startedServices: Service[] = [];
  const startedAdapters: Adapter[] = [];
  const startAll = async () => {
    try {
      for (const service of services) {
        await service.start();
        startedServices.push(service);
      }
      for (const adapter of adapters) {
        health.platform(adapter.name, 'starting');
        await adapter.start();
        startedAdapters.push(adapter);
        health.platform(adapter.name, 'connected');
      }
    } catch (error) {
      health.drain();
      await Promise.allSettled(startedAdapters.map((a) => a.stop()));
      for (const service of startedServices.reverse()) await service.stop().catch(() => {});
      removeListeners();
      throw error;
    }
  };
  const startup = startAll();
  // A start still under way when a signal arrives must not end up as an unhandled rejection.
  startup.catch(() => {});
  // A signal during start-up is obeyed at once: an adapter that cannot connect (and retries)
  // must not make the process deaf to SIGTERM.
  const first = await Promise.race([startup.then(() => 'started' as const), stopSignal]);
  let reason: string = first;
  if (first === 'started') {
    log.info({ adapters: adapters.map((a) => a.name), services: services.map((s) => s.name) }, 'started');
    const finishes = adapters.map((a) => a.finished);
    const allFinished =
      finishes.length > 0 && finishes.every((f) => f !== undefined)
        ? Promise.all(finishes)
        : new Promise(() => {});
    reason = await Promise.race([stopSignal, allFinished.then(() => 'finished' as const)]);
  }
  log.info({ reason }, 'shutting down');

  health.drain();
  // Aborted when the timeout or a second signal gives up: adapters log what they leave unfinished.
  const giveUp = new AbortController();
  // Listening again: a second signal while draining means "now".
  let force: (signal: NodeJS.Signals) => void = () => {};
  const forced = new Promise<number>((resolve) => {
    force = (signal) => {
      log.warn({ signal }, 'second signal: exiting without waiting');
      giveUp.abort();
      resolve(EXIT.forced);
    };
  });
  removeListeners();
  onSignal = force;
  for (const [signal, listener] of listeners) signals.once(signal, listener);

  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<number>((resolve) => {
    timer = setTimeout(() => {
      log.error({ timeoutMs: shutdownTimeoutMs }, 'shutdown timed out; work still in flight is lost');
      giveUp.abort();
      resolve(EXIT.failed);
    }, shutdownTimeoutMs);
  });

  const stopped = (async () => {
    // Adapters stop together (each finishes its own replies in flight), services after them.
    const results = await Promise.allSettled(
      adapters.map(async (adapter) => {
        health.platform(adapter.name, 'stopping');
        await adapter.stop(giveUp.signal);
        health.platform(adapter.name, 'stopped');
      }),
    );
    for (const service of [...services].reverse()) await service.stop().catch(() => {});
    const failures = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
    for (const failure of failures) {
      log.error(
        { err: failure.reason instanceof Error ? failure.reason.message : String(failure.reason) },
        'adapter failed to stop',
      );
    }
    return failures.length === 0 ? EXIT.ok : EXIT.failed;
  })();

  const code = await Promise.race([stopped, timedOut, forced]);
  clearTimeout(timer);
  removeListeners();
  log.info({ code }, 'stopped');
  return code;
}

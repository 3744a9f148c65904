import type { Redis } from 'ioredis';
import type { Logger } from '../../log.js';

/** Where this instance stands with Redis. */
export type RedisState = 'connecting' | 'connected' | 'unreachable';

/** What `/readyz` says of shared state: ids, states and times only, never the URL. */
export interface SharedStateStatus {
  store: 'redis';
  /** True while questions read and write the shared state; false while they use this instance's own. */
  shared: boolean;
  redis: RedisState;
  /** When `redis` last changed (ISO time). */
  since: string;
  /** Why Redis was last found unreachable, if it ever was. */
  lastError: string | null;
  keyPrefix: string;
}

export interface RedisLinkOptions {
  logger: Logger;
  keyPrefix: string;
  /** How often a Redis that is connected but stopped answering is asked again (PING). */
  probeEveryMs?: number;
  now?: () => number;
}

/**
 * The one switch between shared and local state, for every store at once. While Redis is
 * connected, stores run their command on it; when a command fails or times out, or the
 * connection drops, the link turns `unreachable` (one warning in the log) and every store
 * answers from this instance's own state at once, without waiting on Redis, until Redis answers
 * again (one info line): on reconnection, or a PING that succeeds while the connection stayed up.
 *
 * rate-limiter-flexible's `insuranceLimiter` falls back the same way for the rate limit alone,
 * but silently, and keeps trying Redis on every call; this link is what lets the degradation be
 * logged once and reported on `/readyz`, and a slow Redis be skipped by all stores together.
 */
export interface RedisLink {
  /**
   * `remote` on Redis while it is connected; `local` while it is not (before `connect` too), or
   * when `remote` fails. Rejects only if `local` does: Redis going away never fails a question.
   */
  attempt<T>(remote: (redis: Redis) => Promise<T>, local: () => T | Promise<T>): Promise<T>;
  /**
   * Opens the connection (the first call) and resolves true once connected; false as soon as
   * Redis is found unreachable, or after `withinMs` without an answer (then logged as such).
   */
  connect(withinMs: number): Promise<boolean>;
  status(): SharedStateStatus;
  /** Closes the connection (QUIT, bounded), and stops probing. */
  close(): Promise<void>;
}

const QUIT_TIMEOUT_MS = 1000;

/** `open` creates the client: ioredis is loaded only by a process that uses Redis. */
export function createRedisLink(open: () => Promise<Redis>, options: RedisLinkOptions): RedisLink {
  const { logger, keyPrefix } = options;
  let client: Redis | undefined;
  const now = options.now ?? Date.now;
  const probeEveryMs = options.probeEveryMs ?? 1000;
  let state: RedisState = 'connecting';
  let since = now();
  let lastError: string | null = null;
  let closing = false;
  let probe: NodeJS.Timeout | undefined;
  let probing = false;
  const waiting = new Set<(connected: boolean) => void>();
  /** Redis refused a command (a reply error): logged once per message, as it is no outage. */
  const refusals = new Set<string>();

  const becomeConnected = () => {
    if (closing || state === 'connected') return;
    if (state === 'unreachable') {
      logger.info({ unreachableMs: now() - since }, 'shared state: redis reachable again; sharing state');
    } else logger.info('shared state: redis connected');
    state = 'connected';
    since = now();
    clearInterval(probe);
    probe = undefined;
    for (const wake of waiting) wake(true);
    waiting.clear();
  };

  const becomeUnreachable = (error: unknown) => {
    lastError = messageOf(error);
    if (closing || state === 'unreachable') return;
    state = 'unreachable';
    since = now();
    logger.warn(
      { err: lastError },
      "shared state: redis unreachable; answering from this instance's own state until it is back",
    );
    probe = setInterval(probeOnce, probeEveryMs);
    probe.unref();
    // A start-up waiting for Redis goes on without it: it is back when it is back.
    for (const wake of waiting) wake(false);
    waiting.clear();
  };

  // While the client reconnects, its 'ready' event tells when Redis is back; a connection that
  // stayed up but stopped answering in time is asked with a PING (bounded by the command timeout).
  const probeOnce = async () => {
    if (probing || client?.status !== 'ready') return;
    probing = true;
    try {
      await client.ping();
      becomeConnected();
    } catch (error) {
      lastError = messageOf(error);
    } finally {
      probing = false;
    }
  };

  const listen = (opened: Redis) => {
    opened.on('ready', becomeConnected);
    opened.on('error', becomeUnreachable);
    opened.on('close', () => {
      if (state !== 'unreachable') becomeUnreachable(new Error('connection to redis closed'));
    });
  };

  return {
    async attempt(remote, local) {
      if (state !== 'connected' || client === undefined) return local();
      try {
        return await remote(client);
      } catch (error) {
        if (isReplyError(error)) {
          const message = messageOf(error);
          if (!refusals.has(message) && refusals.size < 100) {
            refusals.add(message);
            logger.error(
              { err: message },
              'shared state: redis refused a command; answered from local state',
            );
          }
        } else becomeUnreachable(error);
        return local();
      }
    },
    async connect(withinMs) {
      if (client === undefined && !closing) {
        client = await open();
        listen(client);
      }
      if (state === 'connected') return true;
      if (state === 'unreachable') return false;
      return new Promise((resolve) => {
        const wake = (connected: boolean) => {
          clearTimeout(timer);
          resolve(connected);
        };
        const timer = setTimeout(() => {
          waiting.delete(wake);
          if (state === 'connecting') becomeUnreachable(new Error(`no connection within ${withinMs} ms`));
          resolve(false);
        }, withinMs);
        waiting.add(wake);
      });
    },
    status: () => ({
      store: 'redis',
      shared: state === 'connected',
      redis: state,
      since: new Date(since).toISOString(),
      lastError,
      keyPrefix,
    }),
    async close() {
      closing = true;
      clearInterval(probe);
      for (const wake of waiting) wake(false);
      waiting.clear();
      if (client?.status === 'ready') {
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([
          client.quit().catch(() => {}),
          new Promise((resolve) => {
            timer = setTimeout(resolve, QUIT_TIMEOUT_MS);
          }),
        ]);
        clearTimeout(timer);
      }
      client?.disconnect();
    },
  };
}

/** Redis answered, with an error: the server is there, this command was refused. */
function isReplyError(error: unknown): boolean {
  return error instanceof Error && error.name === 'ReplyError';
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

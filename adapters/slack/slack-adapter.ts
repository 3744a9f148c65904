import type { AddressInfo } from 'node:net';
import type { webApi } from '@slack/bolt';
import type { Bot } from '../../src/bot/port.js';
import type { CoreConfig } from '../../src/config.js';
import type { Logger } from '../../src/log.js';
import type { Adapter } from '../../src/platform.js';
import type { HttpRoute } from '../../src/runtime/health.js';
import { listen } from '../../src/runtime/http-listen.js';
import { createInFlight } from '../../src/runtime/in-flight.js';
import { inProcessSeenSet, type SeenSetOptions } from '../../src/state/seen-set.js';
import type { StateStores } from '../../src/state/stores.js';
import { createSlackApp } from './create-slack-app.js';
import { dedupeEvents, EVENT_RETRY_WINDOW_MS } from './dedupe.js';
import { wasClaimed } from './exchange.js';
import { registerActions } from './handle-actions.js';
import { registerCommand } from './handle-command.js';
import { registerFeedback } from './handle-feedback.js';
import { registerMessages } from './handle-messages.js';
import { createSlackReceiver, describe, REPLAY_WINDOW_MS } from './http-receiver.js';
import { createSlackHttpServer, type SlackHttpServer } from './http-server.js';
import { reachSlackApi } from './reach-api.js';
import { type RequestLabel, requestLabel } from './request-label.js';
import { type SlackSettings, slackConnection, slackMode } from './settings.js';
import { createTurns, DEFAULT_TURNS, type TurnsOptions } from './take-turns.js';
import { throttledWarning } from './throttled-log.js';

export interface SlackAdapterOptions {
  bot: Bot;
  config: SlackSettings & Pick<CoreConfig, 'PORT'>;
  logger: Logger;
  /** Passed to Bolt's Web API client; tests point `slackApiUrl` at a local fake. */
  clientOptions?: webApi.WebClientOptions;
  /** HTTP mode only: overrides `config.PORT`, and the interface to bind (default: all). */
  listen?: { port?: number; host?: string };
  /** HTTP mode only: extra GET routes served beside `/slack/events` (the health checks). */
  httpRoutes?: readonly HttpRoute[];
  /** Where de-duplication sets come from: the core's stores; in-process sets when absent. */
  seenSet?: StateStores['seenSet'];
  /** Retried-event memory. */
  dedupe?: SeenSetOptions;
  /** Replayed-request memory (HTTP mode). */
  replays?: SeenSetOptions;
  /** Admission limits; `maxPending` and `maxLagMs` default to `SLACK_MAX_PENDING`, `SLACK_MAX_LAG_MS`. */
  turns?: Partial<TurnsOptions>;
  /** HTTP mode: the header timeout, when it must differ from `SLACK_REQUEST_TIMEOUT_MS`. */
  headersTimeoutMs?: number;
  now?: () => number;
  /** Overrides `SLACK_STARTUP_WAIT_MS`: how long start-up waits for the Web API to answer. */
  startupWaitMs?: number;
}

/** The Slack adapter; `address()` tells where HTTP mode listens (useful with port 0). */
export interface SlackAdapter extends Adapter {
  address(): AddressInfo | undefined;
  /** Requests being handled now, their replies included. */
  readonly inFlight: number;
  /** HTTP mode: requests refused for load so far. */
  readonly shed: number;
  /** The event loop has hardly been idle lately (see `Turns.busy`). */
  readonly busy: boolean;
}

/**
 * Slack on Bolt: `/ask`, mentions, DMs and buttons in, Block Kit out. This file only wires the
 * parts together; each listener lives in its own `handle-*.ts`, HTTP mode's server and receiver
 * in `http-server.ts` and `http-receiver.ts`.
 */
export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter {
  const { bot, config, clientOptions } = options;
  const logger = options.logger.child({ adapter: 'slack' });
  const now = options.now ?? (() => performance.now());
  const mode = slackMode(config);
  const seenSet =
    options.seenSet ?? ((_name: string, setOptions?: SeenSetOptions) => inProcessSeenSet(setOptions));
  const turns = createTurns({
    ...DEFAULT_TURNS,
    maxPending: config.SLACK_MAX_PENDING,
    maxLagMs: config.SLACK_MAX_LAG_MS,
    ...options.turns,
  });
  const receiver = createSlackReceiver({
    turns,
    logger,
    replays: seenSet('slack-replays', {
      ttlMs: REPLAY_WINDOW_MS,
      maxSize: config.SLACK_REPLAY_CAPACITY,
      ...options.replays,
    }),
    signingSecret: config.SLACK_SIGNING_SECRET ?? '',
    staleAfterMs: config.SLACK_STALE_AFTER_MS,
  });
  const { app } = createSlackApp(config, logger, {
    ...(clientOptions ? { clientOptions } : {}),
    receiver: () => receiver,
  });
  const deps = { bot, logger, now, turns };
  const inFlight = createInFlight<RequestLabel>();

  // First, so that it spans every later middleware and listener, reply delivery included:
  // Bolt acknowledges before listeners finish, so the HTTP request ends long before the reply.
  app.use(async ({ body, context, next }) => {
    await inFlight.track(next(), requestLabel(body, now()));
    if (!wasClaimed(context)) {
      logger.warn(
        { platform: 'slack', ...describe(body) },
        'no listener for this slack payload; acknowledged',
      );
    }
  });
  const dedupeFull = throttledWarning(logger, 'event de-duplication set full; events answered unchecked');
  app.use(
    dedupeEvents(
      seenSet('slack-events', { ttlMs: EVENT_RETRY_WINDOW_MS, maxSize: 100_000, ...options.dedupe }),
      (eventId) => logger.info({ platform: 'slack', eventId }, 'duplicate event ignored'),
      () => dedupeFull({ platform: 'slack' }),
    ),
  );
  registerCommand(app, config.SLACK_COMMAND, deps);
  registerMessages(app, deps);
  registerActions(app, deps);
  registerFeedback(app, deps);
  app.error(async (error) => {
    // The message only: Web API errors carry the response body, which may quote the request.
    logger.error({ platform: 'slack', code: error.code, err: error.message }, 'slack listener failed');
  });

  let address: AddressInfo | undefined;
  let http: SlackHttpServer | undefined;
  let started = false;
  return {
    name: 'slack',
    async start() {
      // Bounded: an unreachable Web API fails start-up with one line instead of Bolt's long retries.
      await reachSlackApi({
        token: slackConnection(config).botToken,
        waitMs: options.startupWaitMs ?? config.SLACK_STARTUP_WAIT_MS,
        logger,
        clientOptions: {
          ...(config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL } : {}),
          ...clientOptions,
        },
      });
      await app.init();
      if (mode === 'socket') {
        await app.start();
      } else {
        http = createSlackHttpServer({
          onEvent: (request, res) => void receiver.handle(request, res),
          routes: options.httpRoutes ?? [],
          logger,
          maxConnections: config.SLACK_MAX_CONNECTIONS,
          headersTimeoutMs: options.headersTimeoutMs ?? config.SLACK_REQUEST_TIMEOUT_MS,
          requestTimeoutMs: config.SLACK_REQUEST_TIMEOUT_MS,
        });
        address = await listen(http.server, options.listen?.port ?? config.PORT, options.listen?.host);
      }
      started = true;
      logger.info({ platform: 'slack', mode, port: address?.port }, 'slack adapter started');
    },
    /**
     * Stops taking work (HTTP mode: the server accepts no more connections, closes those with no
     * request under way and those whose request has not fully arrived, and answers the requests
     * it is reading; Socket Mode: the socket closes), then waits for every acknowledged request
     * to be answered. When `signal` aborts first (the shutdown timed out), each request still
     * unanswered is logged at error level with its id.
     */
    async stop(signal?: AbortSignal) {
      turns.close();
      if (!started) return;
      started = false;
      if (http) await http.drain();
      else await app.stop();
      http = undefined;
      address = undefined;
      if (inFlight.count > 0) {
        logger.info({ platform: 'slack', inFlight: inFlight.count }, 'finishing replies');
      }
      // Logged from the abort itself, synchronously: the process may exit right after it.
      const giveUp = () => {
        const at = now();
        for (const label of inFlight.labels()) {
          logger.error(
            { platform: 'slack', requestId: label.id, kind: label.kind, ageMs: Math.round(at - label.since) },
            'acknowledged request not answered before shutdown',
          );
        }
      };
      if (signal?.aborted) return giveUp();
      signal?.addEventListener('abort', giveUp, { once: true });
      const gaveUp = await Promise.race([inFlight.idle().then(() => false), aborted(signal)]);
      signal?.removeEventListener('abort', giveUp);
      if (gaveUp) return;
      logger.info({ platform: 'slack', shed: receiver.shed }, 'slack adapter stopped');
    },
    address: () => address,
    get inFlight() {
      return inFlight.count;
    },
    get shed() {
      return receiver.shed;
    },
    get busy() {
      return turns.busy;
    },
  };
}

/** Resolves true when `signal` aborts; never when there is none. */
function aborted(signal: AbortSignal | undefined): Promise<boolean> {
  if (!signal) return new Promise(() => {});
  if (signal.aborted) return Promise.resolve(true);
  return new Promise((resolve) => signal.addEventListener('abort', () => resolve(true), { once: true }));
}

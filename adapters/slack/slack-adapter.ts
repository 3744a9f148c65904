import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { webApi } from '@slack/bolt';
import type { Bot } from '../../src/bot/port.js';
import type { CoreConfig } from '../../src/config.js';
import type { Logger } from '../../src/log.js';
import type { Adapter } from '../../src/platform.js';
import type { HttpRoute } from '../../src/runtime/health.js';
import { close, listen } from '../../src/runtime/http-listen.js';
import { createInFlight } from '../../src/runtime/in-flight.js';
import { inProcessSeenSet, type SeenSetOptions } from '../../src/state/seen-set.js';
import type { StateStores } from '../../src/state/stores.js';
import { createSlackApp, SIGNATURE_CONTEXT_KEY } from './create-slack-app.js';
import { dedupeEvents, dropReplays, EVENT_RETRY_WINDOW_MS, REPLAY_WINDOW_MS } from './dedupe.js';
import { registerActions } from './handle-actions.js';
import { registerCommand } from './handle-command.js';
import { registerFeedback } from './handle-feedback.js';
import { registerMessages } from './handle-messages.js';
import { createSlackHttpServer } from './http-server.js';
import { type SlackSettings, slackMode } from './settings.js';
import { createTurns } from './take-turns.js';

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
  now?: () => number;
}

/** The Slack adapter; `address()` tells where HTTP mode listens (useful with port 0). */
export interface SlackAdapter extends Adapter {
  address(): AddressInfo | undefined;
  /** Requests being handled now, their replies included. */
  readonly inFlight: number;
}

/**
 * Slack on Bolt: `/ask`, mentions, DMs and buttons in, Block Kit out. This file only wires the
 * parts together; each listener lives in its own `handle-*.ts`.
 */
export function createSlackAdapter(options: SlackAdapterOptions): SlackAdapter {
  const { bot, config, clientOptions } = options;
  const logger = options.logger.child({ adapter: 'slack' });
  const now = options.now ?? (() => performance.now());
  const mode = slackMode(config);
  const { app, receiver } = createSlackApp(config, logger, {
    ...(clientOptions ? { clientOptions } : {}),
    ...(options.httpRoutes ? { httpRoutes: options.httpRoutes } : {}),
  });
  const deps = { bot, logger, now, turns: createTurns() };
  const seenSet =
    options.seenSet ?? ((_name: string, setOptions?: SeenSetOptions) => inProcessSeenSet(setOptions));
  const inFlight = createInFlight();

  // First, so that it spans every later middleware and listener, reply delivery included:
  // Bolt acknowledges before listeners finish, so the HTTP request ends long before the reply.
  app.use(async ({ next }) => inFlight.track(next()));
  app.use(
    dropReplays(
      seenSet('slack-replays', { ttlMs: REPLAY_WINDOW_MS, ...options.replays }),
      (context) => {
        const signature = context[SIGNATURE_CONTEXT_KEY];
        return typeof signature === 'string' ? signature : undefined;
      },
      () => logger.warn({ platform: 'slack' }, 'replayed request ignored'),
    ),
  );
  app.use(
    dedupeEvents(seenSet('slack-events', { ttlMs: EVENT_RETRY_WINDOW_MS, ...options.dedupe }), (eventId) =>
      logger.info({ platform: 'slack', eventId }, 'duplicate event ignored'),
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
  let server: Server | undefined;
  let started = false;
  return {
    name: 'slack',
    async start() {
      await app.init();
      if (mode === 'socket' || !receiver) {
        await app.start();
      } else {
        server = createSlackHttpServer(receiver, logger);
        address = await listen(server, options.listen?.port ?? config.PORT, options.listen?.host);
      }
      started = true;
      logger.info({ platform: 'slack', mode, port: address?.port }, 'slack adapter started');
    },
    /**
     * Stops taking work (HTTP mode: the server accepts no more connections and closes idle ones,
     * requests under way are still acknowledged; Socket Mode: the socket closes), then waits for
     * the replies in flight to be delivered.
     */
    async stop() {
      if (!started) return;
      started = false;
      if (server) await close(server, 'idle');
      else await app.stop();
      server = undefined;
      address = undefined;
      if (inFlight.count > 0)
        logger.info({ platform: 'slack', inFlight: inFlight.count }, 'finishing replies');
      await inFlight.idle();
      logger.info({ platform: 'slack' }, 'slack adapter stopped');
    },
    address: () => address,
    get inFlight() {
      return inFlight.count;
    },
  };
}

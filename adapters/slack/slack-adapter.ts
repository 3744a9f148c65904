import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { webApi } from '@slack/bolt';
import type { Adapter } from '../../src/adapter.js';
import type { Bot } from '../../src/bot/bot.js';
import type { Logger } from '../../src/log.js';
import type { HttpRoute } from '../../src/runtime/health.js';
import { createInFlight } from '../../src/runtime/in-flight.js';
import { createTurns } from '../../src/runtime/take-turns.js';
import { createSlackApp, SIGNATURE_CONTEXT_KEY, type SlackConfig, slackMode } from './create-slack-app.js';
import { createSeenSet, dedupeEvents, dropReplays, REPLAY_WINDOW_MS, type SeenSetOptions } from './dedupe.js';
import { registerActions } from './handle-actions.js';
import { registerCommand } from './handle-command.js';
import { registerMessages } from './handle-messages.js';
import { createSlackHttpServer } from './http-server.js';

export interface SlackAdapterOptions {
  bot: Bot;
  config: SlackConfig & { SLACK_COMMAND: string; PORT: number };
  logger: Logger;
  /** Passed to Bolt's Web API client; tests point `slackApiUrl` at a local fake. */
  clientOptions?: webApi.WebClientOptions;
  /** HTTP mode only: overrides `config.PORT`, and the interface to bind (default: all). */
  listen?: { port?: number; host?: string };
  /** HTTP mode only: extra GET routes served beside `/slack/events` (the health checks). */
  httpRoutes?: readonly HttpRoute[];
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
  const inFlight = createInFlight();

  // First, so that it spans every later middleware and listener, reply delivery included:
  // Bolt acknowledges before listeners finish, so the HTTP request ends long before the reply.
  app.use(async ({ next }) => inFlight.track(next()));
  app.use(
    dropReplays(
      createSeenSet({ ttlMs: REPLAY_WINDOW_MS, ...options.replays }),
      (context) => {
        const signature = context[SIGNATURE_CONTEXT_KEY];
        return typeof signature === 'string' ? signature : undefined;
      },
      () => logger.warn({ platform: 'slack' }, 'replayed request ignored'),
    ),
  );
  app.use(
    dedupeEvents(createSeenSet(options.dedupe), (eventId) =>
      logger.info({ platform: 'slack', eventId }, 'duplicate event ignored'),
    ),
  );
  registerCommand(app, config.SLACK_COMMAND, deps);
  registerMessages(app, deps);
  registerActions(app, deps);
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
        await listen(server, options.listen?.port ?? config.PORT, options.listen?.host);
        const bound = server.address();
        address = bound !== null && typeof bound === 'object' ? bound : undefined;
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
      if (server) await close(server);
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

function listen(server: Server, port: number, host: string | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function close(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    // Keep-alive connections with no request under way would otherwise hold the close open.
    server.closeIdleConnections();
  });
}

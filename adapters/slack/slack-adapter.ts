import type { AddressInfo } from 'node:net';
import type { webApi } from '@slack/bolt';
import type { Adapter } from '../../src/adapter.js';
import type { Bot } from '../../src/bot/bot.js';
import type { Logger } from '../../src/log.js';
import { createSlackApp, type SlackConfig, slackMode } from './create-slack-app.js';
import { createSeenSet, dedupeEvents, type SeenSetOptions } from './dedupe.js';
import { registerActions } from './handle-actions.js';
import { registerCommand } from './handle-command.js';
import { registerMessages } from './handle-messages.js';

export interface SlackAdapterOptions {
  bot: Bot;
  config: SlackConfig & { SLACK_COMMAND: string; PORT: number };
  logger: Logger;
  /** Passed to Bolt's Web API client; tests point `slackApiUrl` at a local fake. */
  clientOptions?: webApi.WebClientOptions;
  /** HTTP mode only: overrides `config.PORT`, and the interface to bind (default: all). */
  listen?: { port?: number; host?: string };
  /** Retried-event memory. */
  dedupe?: SeenSetOptions;
  now?: () => number;
}

/** The Slack adapter; `address()` tells where HTTP mode listens (useful with port 0). */
export interface SlackAdapter extends Adapter {
  address(): AddressInfo | undefined;
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
  const app = createSlackApp(config, logger, clientOptions);
  const deps = { bot, logger, now };

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
  let started = false;
  return {
    name: 'slack',
    async start() {
      await app.init();
      if (mode === 'socket') {
        await app.start();
      } else {
        const server = await app.start({
          port: options.listen?.port ?? config.PORT,
          host: options.listen?.host,
        });
        const bound = server.address();
        address = bound !== null && typeof bound === 'object' ? bound : undefined;
      }
      started = true;
      logger.info({ platform: 'slack', mode, port: address?.port }, 'slack adapter started');
    },
    async stop() {
      if (!started) return;
      started = false;
      await app.stop();
      address = undefined;
      logger.info({ platform: 'slack' }, 'slack adapter stopped');
    },
    address: () => address,
  };
}

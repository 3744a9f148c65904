import { once } from 'node:events';
import { Events, type RESTOptions } from 'discord.js';
import type { Bot } from '../../src/bot/port.js';
import { ConfigError } from '../../src/errors.js';
import type { Logger } from '../../src/log.js';
import type { Adapter } from '../../src/platform.js';
import { createInFlight } from '../../src/runtime/in-flight.js';
import { createDiscordClient } from './client.js';
import { guardedGateway } from './gateway-guard.js';
import { createInteractionHandler } from './interaction-handler.js';
import { errorFields } from './log-fields.js';
import { createMessageHandler } from './message-handler.js';
import { guardPacketHandling } from './packet-guard.js';
import type { DiscordSettings } from './settings.js';

export interface DiscordAdapterOptions {
  bot: Bot;
  config: Pick<DiscordSettings, 'DISCORD_TOKEN' | 'DISCORD_API_URL'>;
  logger: Logger;
  /** REST tuning; tests against a local fake use `{ retries: 0, timeout: 5000 }`. */
  rest?: Partial<RESTOptions>;
}

export interface DiscordAdapter extends Adapter {
  /** Events being handled: replies being computed or sent. */
  readonly inFlight: number;
}

/**
 * The Discord adapter: a discord.js gateway client that turns slash commands, buttons,
 * @-mentions and DMs into queries for the bot and renders its replies as embeds. When started
 * by discord.js's ShardingManager, the client takes its shard from the environment by itself.
 */
export function createDiscordAdapter({ bot, config, logger, rest }: DiscordAdapterOptions): DiscordAdapter {
  const token = config.DISCORD_TOKEN;
  if (!token) throw new ConfigError('DISCORD_TOKEN', 'required for the Discord adapter');
  const log = logger.child({ platform: 'discord' });
  const client = createDiscordClient({
    ...(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}),
    rest,
    gateway: guardedGateway(log),
  });
  guardPacketHandling(client, log);

  // Replies under way are counted so that a shutdown can wait for them.
  const inFlight = createInFlight();
  const onInteraction = createInteractionHandler({ bot, logger: log });
  const onMessage = createMessageHandler({ bot, logger: log });
  const interactions = (...args: Parameters<typeof onInteraction>) => inFlight.track(onInteraction(...args));
  const messages = (...args: Parameters<typeof onMessage>) => inFlight.track(onMessage(...args));
  client.on(Events.InteractionCreate, interactions);
  client.on(Events.MessageCreate, messages);
  // Without an `error` listener an emitted error is thrown; these are logged and the client goes on.
  client.on(Events.Error, (error) => log.error({ error: errorFields(error) }, 'discord: client error'));
  client.on(Events.ShardError, (error, shard) =>
    log.warn({ shard, error: errorFields(error) }, 'discord: connection error'),
  );
  client.on(Events.Warn, (message) => log.warn({ detail: message }, 'discord: warning'));

  return {
    name: 'discord',
    async start() {
      const aborted = new AbortController();
      const ready = once(client, Events.ClientReady, { signal: aborted.signal });
      try {
        await client.login(token);
        await ready;
      } catch (error) {
        aborted.abort();
        await ready.catch(() => undefined);
        throw error;
      }
      log.info(
        {
          user: client.user?.id,
          guilds: client.guilds.cache.size,
          shards: client.ws.shards.map((s) => s.id),
        },
        'discord: connected',
      );
    },
    async stop() {
      client.off(Events.InteractionCreate, interactions);
      client.off(Events.MessageCreate, messages);
      await inFlight.idle();
      await client.destroy();
      log.info('discord: disconnected');
    },
    get inFlight() {
      return inFlight.count;
    },
  };
}

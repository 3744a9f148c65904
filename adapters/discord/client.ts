import type { IShardingStrategy, WebSocketManager } from '@discordjs/ws';
import { Client, GatewayIntentBits, Partials, type RESTOptions } from 'discord.js';
import { noMentions } from './reply-options.js';

/**
 * Only what the bot uses. Message Content is left out on purpose: it is privileged, and Discord
 * still sends the text of messages that @-mention the bot and of DMs without it, which are the
 * only messages the bot reads.
 */
export const intents = [
  GatewayIntentBits.Guilds,
  GatewayIntentBits.GuildMessages,
  GatewayIntentBits.DirectMessages,
] as const;

export interface ClientOptions {
  /** REST base, e.g. `https://discord.com/api` (the default) or a local fake's. */
  api?: string;
  /** REST tuning; tests against a fake use `{ retries: 0, timeout: 5000 }`. */
  rest?: Partial<RESTOptions>;
  /** How the gateway connection is run; the adapter's guards every frame (gateway-guard.ts). */
  gateway?: (manager: WebSocketManager) => IShardingStrategy;
}

export function createDiscordClient({ api, rest, gateway }: ClientOptions = {}): Client {
  return new Client({
    intents: [...intents],
    // A DM channel is not cached before its first message arrives; without the partial
    // discord.js drops that message.
    partials: [Partials.Channel],
    allowedMentions: noMentions(),
    rest: { ...rest, ...(api ? { api } : {}) },
    ...(gateway ? { ws: { buildStrategy: gateway } } : {}),
  });
}

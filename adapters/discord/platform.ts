import { definePlatform } from '../../src/platform.js';
import { DISCORD } from './conversation.js';
import { createDiscordAdapter } from './discord-adapter.js';
import { DISCORD_SECRETS, discordSettings } from './settings.js';
import { createDiscordShardManager } from './shard-manager.js';

/** The script each shard process runs when `DISCORD_SHARDS` is set. */
export const SHARD_SCRIPT = 'bin/discord-shard.ts';

/** Discord on discord.js, in one process or as shards; runs when `DISCORD_TOKEN` is set (docs/discord.md). */
export const discordPlatform = definePlatform({
  name: DISCORD,
  settings: discordSettings,
  secrets: DISCORD_SECRETS,
  configured: (settings) => settings.DISCORD_TOKEN !== undefined,
  create: ({ bot, config, logger }) =>
    config.DISCORD_SHARDS
      ? createDiscordShardManager({ config, logger, script: SHARD_SCRIPT })
      : createDiscordAdapter({ bot, config, logger }),
});

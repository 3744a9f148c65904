/**
 * One Discord shard's process, started by the shard manager (`DISCORD_SHARDS`, see
 * docs/discord.md), not by hand: discord.js reads the shard id and count from the environment
 * the manager sets. Runs only the Discord adapter, on the same core as `npm start` (hot reload,
 * rate limit); other platforms run once, in the parent.
 */
import { createDiscordAdapter } from '../adapters/discord/discord-adapter.js';
import { discordPlatform } from '../adapters/discord/platform.js';
import { logLevel, readConfig, secretSettings } from '../src/config.js';
import { createLogger, type Logger } from '../src/log.js';
import { createCore } from '../src/runtime/core.js';
import { exitWhenDone } from '../src/runtime/entry.js';
import { run } from '../src/runtime/lifecycle.js';

let logger: Logger | undefined;

async function main(): Promise<number> {
  const config = readConfig(process.env, [discordPlatform]);
  logger = createLogger(logLevel(config, false)).child({ shard: process.env.SHARDS });
  const { bot, health, services } = createCore(config, logger);
  // The manager is gone (the IPC channel closed): a shard must not outlive it.
  process.once('disconnect', () => process.kill(process.pid, 'SIGTERM'));
  return run({
    adapters: [createDiscordAdapter({ bot, config, logger })],
    services,
    health,
    logger,
    signals: process,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  });
}

exitWhenDone(main, { logger: () => logger, secrets: secretSettings([discordPlatform]) });

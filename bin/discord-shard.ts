/**
 * One Discord shard's process, started by the shard manager (`DISCORD_SHARDS`, see
 * docs/discord.md), not by hand: discord.js reads the shard id and count from the environment
 * the manager sets. Runs only the Discord adapter; other platforms run once, in the parent.
 */
import { createDiscordAdapter } from '../adapters/discord/discord-adapter.js';
import { createBot } from '../src/bot/bot.js';
import { readConfig } from '../src/config.js';
import { FactdeskError } from '../src/errors.js';
import { loadPacks } from '../src/knowledge/load-packs.js';
import { createLogger } from '../src/log.js';

async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger(config.LOG_LEVEL).child({ shard: process.env.SHARDS });
  const bot = createBot(loadPacks(config.KNOWLEDGE_DIR), { today: new Date().toISOString().slice(0, 10) });
  const adapter = createDiscordAdapter({ bot, config, logger });
  const stop = () => {
    adapter.stop().finally(() => process.exit(0));
  };
  process.once('SIGTERM', stop);
  process.once('SIGINT', stop);
  // The manager is gone (the IPC channel closed): a shard must not outlive it.
  process.once('disconnect', stop);
  await adapter.start();
}

main().catch((error: unknown) => {
  process.stderr.write(`factdesk: ${error instanceof FactdeskError ? error.message : String(error)}\n`);
  process.exit(1);
});

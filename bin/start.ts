/**
 * Entry point: reads the configuration, loads the knowledge packs and starts the adapters.
 * The console chat is the default when no platform token is configured. Only this file
 * starts and stops the process.
 */
import { createConsoleAdapter } from '../adapters/console/console-adapter.js';
import { createDiscordAdapter } from '../adapters/discord/discord-adapter.js';
import { createDiscordShardManager } from '../adapters/discord/shard-manager.js';
import { createSlackAdapter } from '../adapters/slack/slack-adapter.js';
import type { Adapter } from '../src/adapter.js';
import { createBot } from '../src/bot/bot.js';
import { parsePackScope } from '../src/bot/pack-scope.js';
import { readConfig } from '../src/config.js';
import { FactdeskError } from '../src/errors.js';
import { loadPacks } from '../src/knowledge/load-packs.js';
import { createLogger } from '../src/log.js';

async function main(): Promise<void> {
  const config = readConfig();
  const bot = createBot(loadPacks(config.KNOWLEDGE_DIR), {
    today: new Date().toISOString().slice(0, 10),
    packsFor: parsePackScope(config.PACKS_BY_CONVERSATION),
  });
  const logger = createLogger(config.LOG_LEVEL);
  const adapters: Adapter[] = [];
  if (config.SLACK_BOT_TOKEN) adapters.push(createSlackAdapter({ bot, config, logger }));
  if (config.DISCORD_TOKEN) {
    adapters.push(
      config.DISCORD_SHARDS
        ? createDiscordShardManager({ config, logger, script: 'bin/discord-shard.ts' })
        : createDiscordAdapter({ bot, config, logger }),
    );
  }
  if (adapters.length === 0) {
    adapters.push(
      createConsoleAdapter({
        bot,
        input: process.stdin,
        output: process.stdout,
        interactive: process.stdin.isTTY === true,
      }),
    );
  }
  for (const adapter of adapters) await adapter.start();
  await Promise.all(adapters.map((a) => a.finished).filter(Boolean));
}

main().catch((error: unknown) => {
  process.stderr.write(`factdesk: ${error instanceof FactdeskError ? error.message : String(error)}\n`);
  process.exit(1);
});

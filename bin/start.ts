/**
 * Entry point: loads `.env`, reads the configuration, assembles the core, starts the adapters,
 * and stops them gracefully on SIGTERM or SIGINT. The console chat is the default when no
 * platform token is configured. Only this file starts and stops the process.
 */
import { createConsoleAdapter } from '../adapters/console/console-adapter.js';
import { createDiscordAdapter } from '../adapters/discord/discord-adapter.js';
import { createDiscordShardManager } from '../adapters/discord/shard-manager.js';
import { slackMode } from '../adapters/slack/create-slack-app.js';
import { createSlackAdapter } from '../adapters/slack/slack-adapter.js';
import type { Adapter } from '../src/adapter.js';
import { logLevel, platformConfigured, readConfig } from '../src/config.js';
import { createLogger, type Logger } from '../src/log.js';
import { createCore } from '../src/runtime/core.js';
import { exitWhenDone, loadDotEnv } from '../src/runtime/entry.js';
import { createHealthServer, standaloneHealthPort } from '../src/runtime/health.js';
import { run } from '../src/runtime/lifecycle.js';

let logger: Logger | undefined;

async function main(): Promise<number> {
  loadDotEnv();
  const config = readConfig();
  const interactive = process.stdin.isTTY === true;
  // The console chat shares the terminal with stderr: only warnings show there unless asked for.
  logger = createLogger(logLevel(config, !platformConfigured(config)));
  const { bot, health, services } = createCore(config, logger);

  // Platforms: each starts when its settings are present.
  const adapters: Adapter[] = [];
  if (config.SLACK_BOT_TOKEN) {
    adapters.push(createSlackAdapter({ bot, config, logger, httpRoutes: health.routes }));
  }
  if (config.DISCORD_TOKEN) {
    adapters.push(
      config.DISCORD_SHARDS
        ? createDiscordShardManager({ config, logger, script: 'bin/discord-shard.ts' })
        : createDiscordAdapter({ bot, config, logger }),
    );
  }
  const consoleOnly = adapters.length === 0;
  if (consoleOnly) {
    adapters.push(
      createConsoleAdapter({
        bot,
        input: process.stdin,
        output: process.stdout,
        interactive,
        logger,
      }),
    );
  }

  // Slack in HTTP mode serves /healthz and /readyz on its own port; otherwise a small server does.
  const healthPort = standaloneHealthPort(config, {
    portServedByPlatform: config.SLACK_BOT_TOKEN !== undefined && slackMode(config) === 'http',
    consoleOnly,
  });
  if (healthPort !== undefined) services.push(createHealthServer(health, { port: healthPort }));

  return run({
    adapters,
    services,
    health,
    logger,
    signals: process,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  });
}

exitWhenDone(main, () => logger);

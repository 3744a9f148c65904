import { once } from 'node:events';
import { REST, type RESTGetAPIGatewayBotResult, Routes, type Shard, ShardingManager } from 'discord.js';
import { ConfigError } from '../../src/errors.js';
import type { Logger } from '../../src/log.js';
import type { Adapter } from '../../src/platform.js';
import { errorFields } from './log-fields.js';
import type { DiscordSettings } from './settings.js';

export interface ShardManagerOptions {
  config: Pick<DiscordSettings, 'DISCORD_TOKEN' | 'DISCORD_API_URL' | 'DISCORD_SHARDS'>;
  logger: Logger;
  /** The script each shard process runs: `bin/discord-shard.ts`. */
  script: string;
  /** Node flags for shard processes; the default loads tsx so they can run TypeScript. */
  execArgv?: string[];
  /** Pause between shard starts. Discord allows one identify per 5 s per bucket; tests use 0. */
  spawnDelayMs?: number;
}

/**
 * Discord as several processes, one gateway shard each, with discord.js's ShardingManager:
 * Discord requires sharding from 2,500 servers. Each shard process runs its own adapter; the
 * conversation ids are per channel, so a conversation never spans shards.
 */
export function createDiscordShardManager(options: ShardManagerOptions): Adapter {
  const { config, logger, script } = options;
  const token = config.DISCORD_TOKEN;
  if (!token) throw new ConfigError('DISCORD_TOKEN', 'required for Discord shards');
  const log = logger.child({ platform: 'discord' });
  let manager: ShardingManager | undefined;

  return {
    name: 'discord-shards',
    async start() {
      const totalShards =
        config.DISCORD_SHARDS === 'auto' || config.DISCORD_SHARDS === undefined
          ? await recommendedShards(token, config.DISCORD_API_URL)
          : config.DISCORD_SHARDS;
      manager = new ShardingManager(script, {
        token,
        totalShards,
        mode: 'process',
        respawn: true,
        execArgv: options.execArgv ?? ['--import', 'tsx'],
      });
      manager.on('shardCreate', (shard: Shard) => {
        log.info({ shard: shard.id, of: totalShards }, 'discord: shard process started');
        shard.on('death', () => log.warn({ shard: shard.id }, 'discord: shard process exited'));
        shard.on('error', (error) =>
          log.error({ shard: shard.id, error: errorFields(error) }, 'discord: shard error'),
        );
      });
      await manager.spawn({ amount: totalShards, delay: options.spawnDelayMs ?? 5500 });
      log.info({ shards: totalShards }, 'discord: all shards ready');
    },
    async stop() {
      if (!manager) return;
      // Stop respawning first, or each killed shard would be started again.
      manager.respawn = false;
      const exits = [...manager.shards.values()].map((shard) => {
        const child = shard.process;
        shard.kill();
        return child && child.exitCode === null && child.signalCode === null
          ? once(child, 'exit')
          : undefined;
      });
      manager = undefined;
      await Promise.all(exits);
      log.info('discord: all shards stopped');
    },
  };
}

/**
 * Discord's recommended shard count, asked of the configured API rather than through
 * discord.js's helper, which always asks discord.com and so ignores DISCORD_API_URL.
 */
async function recommendedShards(token: string, api: string | undefined): Promise<number> {
  const rest = new REST(api ? { api } : {}).setToken(token);
  try {
    const gateway = (await rest.get(Routes.gatewayBot())) as RESTGetAPIGatewayBotResult;
    return Math.max(1, gateway.shards);
  } finally {
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}

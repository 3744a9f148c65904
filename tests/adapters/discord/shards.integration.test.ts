import { afterEach, describe, expect, it } from 'vitest';
import { discordPlatform } from '../../../adapters/discord/platform.js';
import { createDiscordShardManager } from '../../../adapters/discord/shard-manager.js';
import { readConfig as readSettings } from '../../../src/config.js';
import type { Adapter } from '../../../src/platform.js';
import { type FakeDiscord, startFakeDiscord } from './fake-discord.js';
import { captureLogs } from './log-capture.js';

const readConfig = (env: Record<string, string>) => readSettings(env, [discordPlatform]);

describe('DISCORD_SHARDS', () => {
  it('is auto or a positive whole number', () => {
    expect(readConfig({ DISCORD_SHARDS: 'auto' }).DISCORD_SHARDS).toBe('auto');
    expect(readConfig({ DISCORD_SHARDS: '4' }).DISCORD_SHARDS).toBe(4);
    expect(readConfig({ DISCORD_SHARDS: '' }).DISCORD_SHARDS).toBeUndefined();
    expect(() => readConfig({ DISCORD_SHARDS: '0' })).toThrow(
      'DISCORD_SHARDS: must be auto or a positive whole number',
    );
    expect(() => readConfig({ DISCORD_SHARDS: 'many' })).toThrow('DISCORD_SHARDS');
  });
});

describe('the shard manager against a fake Discord', () => {
  let fake: FakeDiscord | undefined;
  let manager: Adapter | undefined;
  const saved = {
    api: process.env.DISCORD_API_URL,
    level: process.env.LOG_LEVEL,
    log: process.env.LOG_EXCHANGES,
  };

  afterEach(async () => {
    await manager?.stop();
    await fake?.close();
    // Shard processes inherit the environment, which is how they find the fake.
    for (const [name, value] of [
      ['DISCORD_API_URL', saved.api],
      ['LOG_LEVEL', saved.level],
      ['LOG_EXCHANGES', saved.log],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  it('asks the configured API how many shards (auto) and starts one process per shard', async () => {
    fake = await startFakeDiscord({ recommendedShards: 2 });
    process.env.DISCORD_API_URL = fake.api;
    process.env.LOG_LEVEL = 'silent';
    // Not what this test is about: kept, it would be an SQLite file in the working directory.
    process.env.LOG_EXCHANGES = 'false';
    const logs = captureLogs('info');
    manager = createDiscordShardManager({
      config: { DISCORD_TOKEN: 'fake.token.x', DISCORD_API_URL: fake.api, DISCORD_SHARDS: 'auto' },
      logger: logs.logger,
      script: 'bin/discord-shard.ts',
      spawnDelayMs: 0,
    });
    await manager.start();

    expect([...fake.identifies].sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(logs.entries()).toContainEqual(
      expect.objectContaining({ msg: 'discord: all shards ready', shards: 2 }),
    );
  });
});

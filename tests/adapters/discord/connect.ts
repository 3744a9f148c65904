import { createDiscordAdapter, type DiscordAdapter } from '../../../adapters/discord/discord-adapter.js';
import type { Bot } from '../../../src/bot/port.js';
import type { Logger } from '../../../src/log.js';
import type { FakeDiscord } from './fake-discord.js';

/** The Discord adapter, connected to `fake`: what tests against the real discord.js client start from. */
export async function connectedAdapter(bot: Bot, fake: FakeDiscord, logger: Logger): Promise<DiscordAdapter> {
  const adapter = createDiscordAdapter({
    bot,
    config: { DISCORD_TOKEN: 'fake.token.x', DISCORD_API_URL: fake.api },
    logger,
    rest: { retries: 0, timeout: 5000 },
  });
  await adapter.start();
  return adapter;
}

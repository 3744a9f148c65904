/**
 * Registers the bot's slash commands with Discord:   npm run discord:register
 * In DISCORD_GUILD_ID's server when it is set (instant, for development), else globally
 * (Discord may take up to an hour to show changes). Safe to run again.
 */
import { discordPlatform } from '../adapters/discord/platform.js';
import { registerCommands } from '../adapters/discord/register.js';
import { readConfig, secretSettings } from '../src/config.js';
import { ConfigError } from '../src/errors.js';
import { defineCli, runTool } from '../src/runtime/cli.js';
import { loadDotEnv } from '../src/runtime/entry.js';

const spec = defineCli({
  name: 'discord:register',
  usage: ['npm run discord:register'],
  summary: "Registers the bot's slash commands (/ask, /topics, /help) with Discord; safe to run again.",
  options: {},
  notes: [
    'Reads .env: DISCORD_TOKEN and DISCORD_APPLICATION_ID are required; with DISCORD_GUILD_ID the',
    'commands go to that server only (instant), else to every server (Discord may take an hour).',
  ],
});

runTool(
  spec,
  async () => {
    loadDotEnv();
    const config = readConfig(process.env, [discordPlatform]);
    if (!config.DISCORD_TOKEN) throw new ConfigError('DISCORD_TOKEN', 'required to register commands');
    if (!config.DISCORD_APPLICATION_ID)
      throw new ConfigError('DISCORD_APPLICATION_ID', 'required to register commands');
    const registered = await registerCommands({
      token: config.DISCORD_TOKEN,
      applicationId: config.DISCORD_APPLICATION_ID,
      ...(config.DISCORD_GUILD_ID ? { guildId: config.DISCORD_GUILD_ID } : {}),
      ...(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL } : {}),
    });
    const where = registered.scope === 'guild' ? `server ${config.DISCORD_GUILD_ID}` : 'all servers (global)';
    process.stdout.write(`Registered ${registered.names.map((n) => `/${n}`).join(', ')} for ${where}.\n`);
    return 0;
  },
  { secrets: secretSettings([discordPlatform]) },
);

import { REST, type RESTOptions, Routes } from 'discord.js';
import { commandDefinitions } from './commands.js';

export interface RegisterOptions {
  token: string;
  applicationId: string;
  /** Register in this server only: instant, for development. Without it: global. */
  guildId?: string;
  /** REST base, e.g. a local fake's; Discord's own by default. */
  api?: string;
  rest?: Partial<RESTOptions>;
}

export interface Registered {
  scope: 'guild' | 'global';
  route: string;
  names: string[];
}

/**
 * Registers /ask, /topics and /help with one PUT of the full list, which replaces whatever was
 * registered before: running it twice changes nothing, and a command dropped here disappears.
 */
export async function registerCommands(options: RegisterOptions): Promise<Registered> {
  const rest = new REST({ ...options.rest, ...(options.api ? { api: options.api } : {}) }).setToken(
    options.token,
  );
  const route = options.guildId
    ? Routes.applicationGuildCommands(options.applicationId, options.guildId)
    : Routes.applicationCommands(options.applicationId);
  try {
    const saved = (await rest.put(route, { body: commandDefinitions })) as Array<{ name: string }>;
    return { scope: options.guildId ? 'guild' : 'global', route, names: saved.map((c) => c.name) };
  } finally {
    // The sweepers are unref'd timers, but clearing them lets a one-shot script end at once.
    rest.clearHashSweeper();
    rest.clearHandlerSweeper();
  }
}

import { z } from 'zod';
import { apiUrl, numericId, optionalText } from '../../src/config.js';

/** Discord's settings; `.env.example` lists and explains each one. */
export const discordSettings = z.object({
  DISCORD_TOKEN: optionalText,
  DISCORD_APPLICATION_ID: numericId,
  DISCORD_GUILD_ID: numericId,
  DISCORD_API_URL: apiUrl,
  /** Run Discord as this many shard processes (`auto`: as many as Discord recommends). */
  DISCORD_SHARDS: optionalText.pipe(
    z
      .string()
      .regex(/^(auto|[1-9]\d*)$/, 'must be auto or a positive whole number')
      .transform((s): 'auto' | number => (s === 'auto' ? 'auto' : Number(s)))
      .optional(),
  ),
});

export type DiscordSettings = Readonly<z.infer<typeof discordSettings>>;

export const DISCORD_SECRETS = ['DISCORD_TOKEN'] as const;

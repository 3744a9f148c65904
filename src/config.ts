import { z } from 'zod';
import { ConfigError } from './errors.js';

/**
 * Every setting, read from the environment once at start-up and validated. `.env.example`
 * lists the same names. Secret values never appear in messages.
 */
const optionalText = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();

const schema = z.object({
  KNOWLEDGE_DIR: z.string().trim().min(1).default('knowledge'),
  PACKS_BY_CONVERSATION: optionalText.pipe(
    z
      .string()
      .regex(
        /^\s*[^=;]+=[a-z0-9-]+(\s*,\s*[a-z0-9-]+)*\s*(;\s*[^=;]+=[a-z0-9-]+(\s*,\s*[a-z0-9-]+)*\s*)*;?\s*$/,
        'expected prefix=pack,pack;prefix=pack',
      )
      .optional(),
  ),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  SLACK_BOT_TOKEN: optionalText.pipe(z.string().startsWith('xoxb-', 'must start with xoxb-').optional()),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.pipe(z.string().startsWith('xapp-', 'must start with xapp-').optional()),
  SLACK_COMMAND: z
    .string()
    .trim()
    .regex(/^\/[a-z0-9_-]+$/, 'must look like /ask')
    .default('/ask'),
  SLACK_API_URL: optionalText.pipe(z.url().optional()),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  DISCORD_TOKEN: optionalText,
  DISCORD_APPLICATION_ID: optionalText.pipe(z.string().regex(/^\d+$/, 'must be a numeric id').optional()),
  DISCORD_GUILD_ID: optionalText.pipe(z.string().regex(/^\d+$/, 'must be a numeric id').optional()),
  DISCORD_API_URL: optionalText.pipe(z.url().optional()),
  /** Run Discord as this many shard processes (`auto`: as many as Discord recommends). */
  DISCORD_SHARDS: optionalText.pipe(
    z
      .string()
      .regex(/^(auto|[1-9]\d*)$/, 'must be auto or a positive whole number')
      .transform((s): 'auto' | number => (s === 'auto' ? 'auto' : Number(s)))
      .optional(),
  ),
});

export type Config = Readonly<z.infer<typeof schema>>;

/** Parses settings from an environment-like object; throws {@link ConfigError} naming the variable. */
export function readConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? 'environment');
    // zod messages describe the expected form only; they never echo the value.
    throw new ConfigError(variable, issue?.message ?? 'invalid');
  }
  const config = parsed.data;
  if (config.SLACK_BOT_TOKEN && !config.SLACK_APP_TOKEN && !config.SLACK_SIGNING_SECRET) {
    throw new ConfigError('SLACK_SIGNING_SECRET', 'required in HTTP mode (when SLACK_APP_TOKEN is not set)');
  }
  return Object.freeze(config);
}

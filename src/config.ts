import { z } from 'zod';
import { ConfigError } from './errors.js';

/**
 * Every setting, read from the environment once at start-up and validated. `.env.example`
 * lists the same names. Secret values never appear in messages: zod's messages describe the
 * expected form only, and no schema here echoes what it received.
 */
const optionalText = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();

/** An integer setting; blank means the default, as an empty line in `.env` would. */
const integer = (min: number, max: number, fallback: number) =>
  optionalText.pipe(z.coerce.number<string | undefined>().int().min(min).max(max).default(fallback));

const port = z.coerce.number<string | undefined>().int().min(0).max(65535);

const schema = z.object({
  KNOWLEDGE_DIR: optionalText.pipe(z.string().default('knowledge')),
  KNOWLEDGE_WATCH: optionalText.pipe(z.stringbool().default(true)),
  PACKS_BY_CONVERSATION: optionalText.pipe(
    z
      .string()
      .regex(
        /^\s*[^=;]+=[a-z0-9-]+(\s*,\s*[a-z0-9-]+)*\s*(;\s*[^=;]+=[a-z0-9-]+(\s*,\s*[a-z0-9-]+)*\s*)*;?\s*$/,
        'expected prefix=pack,pack;prefix=pack',
      )
      .optional(),
  ),
  LOG_LEVEL: optionalText.pipe(
    z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional(),
  ),
  MAX_QUESTION_LENGTH: integer(1, 100_000, 1000),
  RATE_LIMIT_PER_MINUTE: integer(0, 100_000, 30),
  RATE_LIMIT_BURST: integer(1, 100_000, 10),
  SHUTDOWN_TIMEOUT_MS: integer(0, 600_000, 10_000),
  PORT: optionalText.pipe(port.default(3000)),
  HEALTH_PORT: optionalText.pipe(port.optional()),
  SLACK_BOT_TOKEN: optionalText.pipe(z.string().startsWith('xoxb-', 'must start with xoxb-').optional()),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.pipe(z.string().startsWith('xapp-', 'must start with xapp-').optional()),
  SLACK_COMMAND: optionalText.pipe(
    z
      .string()
      .regex(/^\/[a-z0-9_-]+$/, 'must look like /ask')
      .default('/ask'),
  ),
  SLACK_API_URL: optionalText.pipe(z.url().optional()),
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

/** The name of every setting; `.env.example` must list each one (a test checks). */
export const SETTINGS: readonly string[] = Object.keys(schema.shape);

/**
 * Settings whose values are secrets. Besides never being logged, the entry point scrubs
 * them out of any error text it prints, in case a library quotes one.
 */
export const SECRET_SETTINGS = [
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'DISCORD_TOKEN',
] as const;

/**
 * Parses settings from an environment-like object; throws {@link ConfigError} naming the
 * variable (every wrong one, so that one start-up attempt shows all there is to fix).
 */
export function readConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => ({
      variable: String(issue.path[0] ?? 'environment'),
      reason: issue.message,
    }));
    const [first, ...rest] = problems;
    throw new ConfigError(first?.variable ?? 'environment', first?.reason ?? 'invalid', rest);
  }
  const config = parsed.data;
  if (config.SLACK_BOT_TOKEN && !config.SLACK_APP_TOKEN && !config.SLACK_SIGNING_SECRET) {
    throw new ConfigError('SLACK_SIGNING_SECRET', 'required in HTTP mode (when SLACK_APP_TOKEN is not set)');
  }
  return Object.freeze(config);
}

/** Whether any chat platform is configured; with none, the console chat runs. */
export function platformConfigured(config: Pick<Config, 'SLACK_BOT_TOKEN' | 'DISCORD_TOKEN'>): boolean {
  return config.SLACK_BOT_TOKEN !== undefined || config.DISCORD_TOKEN !== undefined;
}

/**
 * `LOG_LEVEL`, or by default `info`, except for a person chatting in a terminal: stderr shares
 * the screen with the chat, so only warnings and errors show there unless asked for.
 */
export function logLevel(config: Pick<Config, 'LOG_LEVEL'>, terminalChat: boolean): string {
  return config.LOG_LEVEL ?? (terminalChat ? 'warn' : 'info');
}

/** Replaces every configured secret value found in `text`; for error text from libraries. */
export function scrubSecrets(text: string, env: Record<string, string | undefined> = process.env): string {
  let scrubbed = text;
  for (const name of SECRET_SETTINGS) {
    const value = env[name]?.trim();
    // Very short values would blank out ordinary words; no real token or secret is that short.
    if (value && value.length >= 6) scrubbed = scrubbed.split(value).join('[secret]');
  }
  return scrubbed;
}

import { z } from 'zod';
import { ConfigError } from './errors.js';

/**
 * Every setting, read from the environment once at start-up and validated: the core's here, each
 * platform's in its own descriptor (`adapters/<platform>/platform.ts`), merged by
 * {@link readConfig}. `.env.example` lists them all (a test checks). Secret values never appear
 * in messages: zod's messages describe the expected form only, and no schema echoes its input.
 */

/** Optional text; blank means unset, as an empty line in `.env` would. */
export const optionalText = z
  .string()
  .trim()
  .transform((s) => (s === '' ? undefined : s))
  .optional();

/** An integer setting; blank means the default. */
export const integer = (min: number, max: number, fallback: number) =>
  optionalText.pipe(z.coerce.number<string | undefined>().int().min(min).max(max).default(fallback));

/** A numeric id such as Discord's; blank means unset. */
export const numericId = optionalText.pipe(z.string().regex(/^\d+$/, 'must be a numeric id').optional());

/** A URL, only to point a platform's API at a proxy or a test fake; blank means the platform's own. */
export const apiUrl = optionalText.pipe(z.url().optional());

const port = z.coerce.number<string | undefined>().int().min(0).max(65535);

const coreSettings = z.object({
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
  // The exchange log (src/exchange-log/): what was asked, how it was answered, feedback.
  LOG_EXCHANGES: optionalText.pipe(z.stringbool().default(true)),
  LOG_QUESTIONS: optionalText.pipe(z.stringbool().default(true)),
  LOG_RETENTION_DAYS: integer(1, 3650, 30),
  LOG_HASH_KEY: optionalText.pipe(z.string().min(16, 'must be at least 16 characters').optional()),
  DATA_DIR: optionalText.pipe(z.string().default('./data')),
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\/\S+$/, 'must be a postgres:// or postgresql:// URL')
      .optional(),
  ),
  DATABASE_SCHEMA: optionalText.pipe(
    z
      .string()
      .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL identifier')
      .default('public'),
  ),
  // Shared state (docs/operations.md, "Several instances and Redis"): Redis when REDIS_URL is set.
  REDIS_URL: optionalText.pipe(
    z.url({ protocol: /^rediss?$/, error: 'expected redis://host:port or rediss://host:port' }).optional(),
  ),
  KEY_PREFIX: optionalText.pipe(
    z
      .string()
      .max(64)
      .regex(/^[^\s*?[\]]+$/, 'no spaces or glob characters (* ? [ ])')
      .default('factdesk:'),
  ),
  REDIS_TIMEOUT_MS: integer(10, 60_000, 500),
});

/**
 * The core's secret settings: a Redis or database URL may carry a password, and the hash key is
 * what keeps stored user hashes from being matched to user ids by guessing.
 */
const CORE_SECRETS = ['REDIS_URL', 'DATABASE_URL', 'LOG_HASH_KEY'] as const;

/** The core's settings: knowledge, limits, operations. */
export type CoreConfig = Readonly<z.infer<typeof coreSettings>>;

/** A setting that is wrong given the others (zod checks each one alone). */
export interface ConfigIssue {
  variable: string;
  reason: string;
}

/**
 * What the configuration needs of a platform: its settings, which of them are secrets, and any
 * rule across them. Platform descriptors (`src/platform.ts`) are such sources.
 */
export interface SettingsSource<Shape extends z.core.$ZodShape = z.core.$ZodShape> {
  readonly settings: z.ZodObject<Shape>;
  readonly secrets: readonly string[];
  /** The first rule across this platform's settings that they break, if any. */
  check?(settings: z.infer<z.ZodObject<Shape>>): ConfigIssue | undefined;
}

type UnionToIntersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void
  ? I
  : never;

/** The core's settings and those of every platform in `P`. */
export type Config<P extends readonly SettingsSource[] = readonly []> = CoreConfig &
  Readonly<UnionToIntersection<z.infer<P[number]['settings']>>>;

/** The core's schema and every platform's, as one. */
function mergedSchema(platforms: readonly SettingsSource[]) {
  return z.object(Object.assign({}, coreSettings.shape, ...platforms.map((p) => p.settings.shape)));
}

/** The name of every setting; `.env.example` must list each one (a test checks). */
export function settingNames(platforms: readonly SettingsSource[]): string[] {
  return Object.keys(mergedSchema(platforms).shape);
}

/**
 * Settings whose values are secrets: the core's and those the platforms declare. Besides never
 * being logged, they are scrubbed out of any error text the entry point prints, in case a
 * library quotes one.
 */
export function secretSettings(platforms: readonly SettingsSource[]): string[] {
  return [...CORE_SECRETS, ...platforms.flatMap((p) => p.secrets)];
}

/**
 * Parses settings from an environment-like object: the core's, and those of `platforms`.
 * Throws {@link ConfigError} naming the variable (every wrong one, so that one start-up attempt
 * shows all there is to fix).
 */
export function readConfig<const P extends readonly SettingsSource[] = readonly []>(
  env: Record<string, string | undefined> = process.env,
  platforms: P = [] as unknown as P,
): Config<P> {
  const parsed = mergedSchema(platforms).safeParse(env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => ({
      variable: String(issue.path[0] ?? 'environment'),
      reason: issue.message,
    }));
    const [first, ...rest] = problems;
    throw new ConfigError(first?.variable ?? 'environment', first?.reason ?? 'invalid', rest);
  }
  const config = parsed.data as Config<P>;
  const [broken, ...more] = platforms.flatMap((p) => p.check?.(config) ?? []);
  if (broken) throw new ConfigError(broken.variable, broken.reason, more);
  Object.freeze(config);
  return config;
}

/**
 * `KNOWLEDGE_DIR` alone (default `knowledge/`), for the measuring tools (`eval`, `tune`, `bench`):
 * they read no other setting, so one that is wrong for the bot (a malformed `REDIS_URL`) does not
 * stop them.
 */
export function knowledgeDir(env: Record<string, string | undefined> = process.env): string {
  return readConfig({ KNOWLEDGE_DIR: env.KNOWLEDGE_DIR }).KNOWLEDGE_DIR;
}

/**
 * `LOG_LEVEL`, or by default `info`, except for a person chatting in a terminal: stderr shares
 * the screen with the chat, so only warnings and errors show there unless asked for.
 */
export function logLevel(config: Pick<CoreConfig, 'LOG_LEVEL'>, terminalChat: boolean): string {
  return config.LOG_LEVEL ?? (terminalChat ? 'warn' : 'info');
}

/** Replaces the value of every secret setting found in `text`; for error text from libraries. */
export function scrubSecrets(
  text: string,
  secrets: readonly string[],
  env: Record<string, string | undefined> = process.env,
): string {
  let scrubbed = text;
  for (const name of secrets) {
    const value = env[name]?.trim();
    // Very short values would blank out ordinary words; no real token or secret is that short.
    if (value && value.length >= 6) scrubbed = scrubbed.split(value).join('[secret]');
  }
  return scrubbed;
}

import type { z } from 'zod';
import type { Bot } from './bot/port.js';
import type { CoreConfig, SettingsSource } from './config.js';
import type { Logger } from './log.js';
import type { HttpRoute } from './runtime/health.js';
import type { StateStores } from './state/stores.js';

/**
 * A running platform connection. Kept tiny on purpose: the entry point starts and stops
 * adapters; each adapter turns platform events into a `Query`, asks the bot, and renders the
 * `Reply`. Nothing else crosses this line.
 */
export interface Adapter {
  /** The name `/readyz` reports it under. */
  readonly name: string;
  start(): Promise<void>;
  /**
   * Stops taking work and finishes what is in flight. `signal` aborts when the shutdown gives up
   * waiting: an adapter then logs what it leaves unfinished, synchronously, as the process exits.
   */
  stop(signal?: AbortSignal): Promise<void>;
  /** Settles when the adapter has nothing more to do by itself (the console at end of input). */
  readonly finished?: Promise<void>;
}

/** The process's own terminal, for a platform that chats there. */
export interface Terminal {
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** A person at a terminal, rather than piped input. */
  interactive: boolean;
}

/** What a platform gets to create its adapter with. */
export interface PlatformContext<Settings = unknown> {
  /** The inbound port: rate-limited, answering from the latest good knowledge. */
  bot: Bot;
  /** The core's settings and this platform's own, validated. */
  config: CoreConfig & Settings;
  logger: Logger;
  /** `/healthz` and `/readyz`, for a platform that serves HTTP on `PORT` itself to mount. */
  httpRoutes: readonly HttpRoute[];
  /** De-duplication sets (retried events, replayed requests), shared across instances when configured. */
  seenSet: StateStores['seenSet'];
  terminal: Terminal;
}

/**
 * A platform plug-in: everything the rest of Factdesk needs to know about it. Each adapter folder
 * exports one (`adapters/<name>/platform.ts`) and `adapters/registry.ts` lists them; the config,
 * `.env.example`'s check, the secret scrubbing and the entry point all loop over that list.
 */
export interface Platform<Shape extends z.core.$ZodShape = z.core.$ZodShape> extends SettingsSource<Shape> {
  /** `Query.platform` of its queries, and its logs' name. */
  readonly name: string;
  /** Whether the settings ask for this platform to run (its token is set, say). */
  configured(settings: z.infer<z.ZodObject<Shape>>): boolean;
  /** Runs when no platform is configured; the console chat is the one such platform. */
  readonly fallback?: boolean;
  /** False for a platform whose users are not rate limited (the operator's own terminal). */
  readonly rateLimited?: boolean;
  /** Whether it serves HTTP on `PORT` itself, and so mounts the health routes there. */
  ownsHttpPort?(config: CoreConfig & z.infer<z.ZodObject<Shape>>): boolean;
  /** Its adapter (not started). May throw a `ConfigError` for settings it cannot run with. */
  create(context: PlatformContext<z.infer<z.ZodObject<Shape>>>): Adapter;
}

/** Declares a platform, inferring its settings' types from its schema. */
export function definePlatform<Shape extends z.core.$ZodShape>(platform: Platform<Shape>): Platform<Shape> {
  return platform;
}

import { logLevel, readConfig } from '../config.js';
import { createLogger, type Logger } from '../log.js';
import type { Platform, Terminal } from '../platform.js';
import { type CoreOptions, createCore } from './core.js';
import { createHealthServer, standaloneHealthPort } from './health.js';
import { run, type SignalSource } from './lifecycle.js';

export interface LaunchOptions {
  /** The registry: every platform this build knows (`adapters/registry.ts`). */
  platforms: readonly Platform[];
  env: Record<string, string | undefined>;
  terminal: Terminal;
  signals: SignalSource;
  /** Called once the logger exists, so that the entry point can log its last words with it. */
  onLogger?: (logger: Logger) => void;
  /** Where logs go; stderr by default. */
  logDestination?: NodeJS.WritableStream;
  core?: Omit<CoreOptions, 'unlimited'>;
}

/**
 * Runs Factdesk until it stops, and resolves with the exit code: reads the settings of the core
 * and of every platform, assembles the core, creates the adapter of each configured platform (or
 * of the fallback, the console chat, when none is), serves the health checks, and hands all to
 * the lifecycle. It names no platform: everything it knows of one is in its descriptor.
 */
export async function launch(options: LaunchOptions): Promise<number> {
  const { platforms } = options;
  const config = readConfig(options.env, platforms);
  const configured = platforms.filter((p) => p.configured(config));
  const running = configured.length > 0 ? configured : platforms.filter((p) => p.fallback);
  const terminalChat = configured.length === 0;
  // A chat in the terminal shares it with stderr: only warnings show there unless asked for.
  const logger = createLogger(logLevel(config, terminalChat), options.logDestination);
  options.onLogger?.(logger);
  const core = createCore(config, logger, {
    ...options.core,
    unlimited: platforms.filter((p) => p.rateLimited === false).map((p) => p.name),
    // A person chatting at their own terminal shares nothing with other instances.
    sharedState: !terminalChat,
  });
  const adapters = running.map((platform) =>
    platform.create({
      bot: core.bot,
      config,
      logger,
      httpRoutes: core.health.routes,
      seenSet: core.stores.seenSet,
      terminal: options.terminal,
    }),
  );
  // A platform serving HTTP on PORT mounts /healthz and /readyz there; otherwise a small server does.
  const healthPort = standaloneHealthPort(config, {
    portServedByPlatform: running.some((p) => p.ownsHttpPort?.(config) === true),
    consoleOnly: terminalChat,
  });
  const services = [...core.services];
  if (healthPort !== undefined) services.push(createHealthServer(core.health, { port: healthPort }));
  return run({
    adapters,
    services,
    health: core.health,
    logger,
    signals: options.signals,
    shutdownTimeoutMs: config.SHUTDOWN_TIMEOUT_MS,
  });
}

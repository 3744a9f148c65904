import { type Logger as BoltLogger, LogLevel } from '@slack/bolt';
import type { Logger } from '../../src/log.js';

/**
 * Routes Bolt's, the Web API client's and the Socket Mode client's own logs into pino.
 *
 * Debug output is dropped on purpose: at that level those libraries print whole request bodies
 * and WebSocket frames, i.e. raw payloads with user text. Only strings, numbers and error
 * messages are kept from the other levels; objects are replaced, for the same reason.
 */
export function boltLogger(logger: Logger): BoltLogger {
  const log = logger.child({ component: 'bolt' });
  const line = (parts: unknown[]): string =>
    parts
      .map((part) => {
        if (part instanceof Error) return part.message;
        if (typeof part === 'string' || typeof part === 'number' || typeof part === 'boolean')
          return String(part);
        return '[object]';
      })
      .join(' ');
  return {
    debug: () => {},
    info: (...parts: unknown[]) => log.info(line(parts)),
    warn: (...parts: unknown[]) => log.warn(line(parts)),
    error: (...parts: unknown[]) => log.error(line(parts)),
    // The level is pino's to decide. Reporting INFO (never DEBUG) also keeps the libraries from
    // building debug strings they would only throw away.
    setLevel: () => {},
    getLevel: () => LogLevel.INFO,
    setName: () => {},
  };
}

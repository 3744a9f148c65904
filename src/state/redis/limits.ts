/**
 * The bounds on waiting for Redis, and where a Redis URL points. Apart from the client (which
 * loads ioredis) so that a process without REDIS_URL never loads it.
 */

/** How long a connection attempt may take, and the longest start-up waits for Redis. */
export const CONNECT_TIMEOUT_MS = 2000;
/** Longest pause between two reconnection attempts while Redis is away. */
export const MAX_RECONNECT_DELAY_MS = 1000;

/** Where a Redis URL points, for logs: host and port, never the password it may carry. */
export function redisEndpoint(url: string): string {
  const parsed = new URL(url);
  return `${parsed.hostname}:${parsed.port || '6379'}`;
}

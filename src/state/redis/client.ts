import { Redis } from 'ioredis';
import { CONNECT_TIMEOUT_MS, MAX_RECONNECT_DELAY_MS } from './limits.js';

/**
 * An ioredis client that never makes a question wait long or pile up behind Redis:
 * - every command fails after `timeoutMs` (`commandTimeout`);
 * - nothing is queued while disconnected (`enableOfflineQueue: false`): a command fails at once,
 *   and the caller answers from local state;
 * - commands caught by a dropped connection fail rather than being sent again on reconnection
 *   (`maxRetriesPerRequest: 0`, `autoResendUnfulfilledCommands: false`);
 * - a connection that stops answering while commands wait is closed (`socketTimeout`), which
 *   fails them and starts a new connection;
 * - reconnection is attempted forever, at most `MAX_RECONNECT_DELAY_MS` apart.
 */
export function createRedisClient(url: string, timeoutMs: number): Redis {
  return new Redis(url, {
    commandTimeout: timeoutMs,
    socketTimeout: Math.max(4 * timeoutMs, CONNECT_TIMEOUT_MS),
    connectTimeout: CONNECT_TIMEOUT_MS,
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    autoResendUnfulfilledCommands: false,
    retryStrategy: (attempt) => Math.min(100 * attempt, MAX_RECONNECT_DELAY_MS),
    connectionName: 'factdesk',
  });
}

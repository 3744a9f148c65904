import { randomBytes } from 'node:crypto';
import { describe } from 'vitest';
import { redisEndpoint } from '../../../src/state/redis/limits.js';

export {
  deleteKeys,
  HAS_REDIS_SERVER,
  keysUnder,
  type PrivateRedis,
  startPrivateRedis,
} from '../../../scripts/lib/redis-server.js';

/**
 * Shared-state tests run against a real Redis: the one `REDIS_URL` names (`.ci/run` sets it when
 * a server answers on 127.0.0.1:6379). Without it they are skipped, and say so. Other developers
 * and tests use that Redis at the same time: every test writes under a prefix of its own and
 * deletes its keys; nothing here flushes a database or stops the shared server. A test that
 * needs Redis to go away starts a private `redis-server`, or cuts a proxy of its own.
 */
export const REDIS_URL = process.env.REDIS_URL?.trim() || undefined;

/** `describe` when Redis is there; otherwise skipped, with the reason printed once per file. */
export function describeWithRedis(name: string, body: () => void): void {
  if (REDIS_URL === undefined) {
    console.warn(
      `shared-state tests skipped (${name}): REDIS_URL is not set; set it to a Redis server (redis://127.0.0.1:6379) to run them`,
    );
  } else {
    console.info(`shared-state tests (${name}) run against Redis at ${redisEndpoint(REDIS_URL)}`);
  }
  describe.skipIf(REDIS_URL === undefined)(name, body);
}

/** `KEY_PREFIX` of one test run: unique, so that runs never see each other's keys. */
export function uniquePrefix(label: string): string {
  return `factdesk-test:${label}:${Date.now().toString(36)}${randomBytes(3).toString('hex')}:`;
}

/** The shared Redis's host and port, for a proxy in front of it. */
export function redisTarget(url: string): { host: string; port: number } {
  const [host = '127.0.0.1', port = '6379'] = redisEndpoint(url).split(':');
  return { host, port: Number(port) };
}

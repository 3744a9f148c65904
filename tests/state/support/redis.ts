import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { Redis } from 'ioredis';
import { describe } from 'vitest';
import { redisEndpoint } from '../../../src/state/redis/limits.js';

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

/** Deletes every key under `prefix` (SCAN + UNLINK), the only cleanup tests do on a shared Redis. */
export async function deleteKeys(url: string, prefix: string): Promise<number> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    const keys = await keysUnder(redis, prefix);
    for (let i = 0; i < keys.length; i += 500) await redis.unlink(...keys.slice(i, i + 500));
    return keys.length;
  } finally {
    redis.disconnect();
  }
}

export async function keysUnder(redis: Redis, prefix: string): Promise<string[]> {
  const keys: string[] = [];
  let cursor = '0';
  do {
    const [nextCursor, batch] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    keys.push(...batch);
    cursor = nextCursor;
  } while (cursor !== '0');
  return keys;
}

/** The shared Redis's host and port, for a proxy in front of it. */
export function redisTarget(url: string): { host: string; port: number } {
  const [host = '127.0.0.1', port = '6379'] = redisEndpoint(url).split(':');
  return { host, port: Number(port) };
}

/** Whether `redis-server` can be started here (for the tests that stop and restart one). */
export const HAS_REDIS_SERVER = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;

/** A `redis-server` of a test's own, on a free loopback port, keeping nothing on disk. */
export interface PrivateRedis {
  readonly url: string;
  readonly port: number;
  /** Stops the server (SIGTERM), waiting for its exit. */
  stop(): Promise<void>;
  /** Starts it again on the same port, empty, once it accepts connections. */
  start(): Promise<void>;
}

export async function startPrivateRedis(): Promise<PrivateRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const kill = () => child?.kill('SIGKILL');
  // A test that fails half-way must not leave a server behind.
  process.once('exit', kill);
  const server: PrivateRedis = {
    url: `redis://127.0.0.1:${port}`,
    port,
    async start() {
      const started = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        { stdio: ['ignore', 'pipe', 'pipe'] },
      );
      child = started;
      const lines = createInterface({ input: started.stdout as NodeJS.ReadableStream });
      await new Promise<void>((resolve, reject) => {
        const onExit = (code: number | null) =>
          reject(new Error(`redis-server exited (${code}) before it was ready`));
        started.once('exit', onExit);
        lines.on('line', (line) => {
          if (line.includes('Ready to accept connections')) {
            started.off('exit', onExit);
            resolve();
          }
        });
      });
    },
    async stop() {
      const running = child;
      child = undefined;
      if (!running || running.exitCode !== null || running.signalCode !== null) return;
      const exited = once(running, 'exit');
      running.kill('SIGTERM');
      await exited;
    },
  };
  await server.start();
  return server;
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

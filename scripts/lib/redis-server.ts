import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { createInterface } from 'node:readline';
import { Redis } from 'ioredis';

/**
 * Redis helpers for tests and the load run, which share a Redis with other developers: they
 * only ever delete their own keys (by prefix), and stop only a server they started themselves.
 */

/** Whether `redis-server` can be started here. */
export const HAS_REDIS_SERVER = spawnSync('redis-server', ['--version'], { stdio: 'ignore' }).status === 0;

/** A `redis-server` of one's own, on a free loopback port, keeping nothing on disk. */
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
  // A run that fails half-way must not leave a server behind.
  const kill = () => child?.kill('SIGKILL');
  process.once('exit', kill);
  const server: PrivateRedis = {
    url: `redis://127.0.0.1:${port}`,
    port,
    async start() {
      const started = spawn(
        'redis-server',
        ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'],
        { stdio: ['ignore', 'pipe', 'ignore'] },
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

/** Every key under `prefix`, by SCAN (never KEYS, which blocks the server). */
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

/** Deletes every key under `prefix` (SCAN + UNLINK): the only cleanup done on a shared Redis. */
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

/** `INFO commandstats`: calls per command since the server started. */
export async function commandStats(url: string): Promise<Record<string, number>> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1 });
  try {
    await redis.connect();
    const text = await redis.info('commandstats');
    const stats: Record<string, number> = {};
    for (const match of text.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm))
      stats[match[1] ?? ''] = Number(match[2]);
    return stats;
  } finally {
    redis.disconnect();
  }
}

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const address = probe.address();
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

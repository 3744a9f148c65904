import { Redis } from 'ioredis';
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest';
import { readConfig } from '../../src/config.js';
import { hashed, redisKeys } from '../../src/state/redis/keys.js';
import { createStateStores, type StateStores } from '../../src/state/stores.js';
import { memoryLogger } from '../runtime/support/temp-knowledge.js';
import { deleteKeys, describeWithRedis, keysUnder, REDIS_URL, uniquePrefix } from './support/redis.js';

/**
 * The Redis stores against a real Redis, two store sets standing for two instances: what one
 * writes the other reads. Every key lives under this run's prefix and is deleted afterwards.
 */
const PREFIX = uniquePrefix('stores');
const url = REDIS_URL ?? 'redis://127.0.0.1:6379';
const opened: StateStores[] = [];
let redis: Redis;

/** One instance's stores, connected. */
async function instance(env: Record<string, string> = {}): Promise<StateStores> {
  // A generous timeout: on a busy machine a lagging event loop must not pass for Redis going away.
  const config = readConfig({ REDIS_URL: url, KEY_PREFIX: PREFIX, REDIS_TIMEOUT_MS: '2000', ...env });
  const stores = createStateStores(config, { logger: memoryLogger('silent').logger });
  opened.push(stores);
  await stores.start();
  return stores;
}

describeWithRedis('Redis state stores', () => {
  beforeAll(async () => {
    redis = new Redis(url);
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((s) => s.close()));
  });
  afterAll(async () => {
    await deleteKeys(url, PREFIX);
    redis?.disconnect();
  });

  it('reports Redis, connected and shared, on /readyz', async () => {
    const stores = await instance();
    expect(stores.status()).toMatchObject({
      store: 'redis',
      shared: true,
      redis: 'connected',
      keyPrefix: PREFIX,
    });
  });

  it('share conversation memory between instances, with its time to live, under hashed keys', async () => {
    const [a, b] = [await instance(), await instance()];
    await a.conversations.set('slack:T1:C1:user:U1', { subject: 'p/gershkovich', card: 'p/who' });
    expect(await b.conversations.get('slack:T1:C1:user:U1')).toMatchObject({
      subject: 'p/gershkovich',
      card: 'p/who',
    });
    expect(await b.conversations.get('slack:T1:C1:user:U2')).toBeUndefined();

    const key = redisKeys(PREFIX).conversation('slack:T1:C1:user:U1');
    const ttl = await redis.pttl(key);
    expect(ttl).toBeGreaterThan(29 * 60_000);
    expect(ttl).toBeLessThanOrEqual(30 * 60_000);
    // No user id is stored as it is.
    const keys = await keysUnder(redis, PREFIX);
    expect(keys.join(' ')).not.toContain('U1');
  });

  it('read the later of the shared and the local copy, and ignore a stray value', async () => {
    const [a, b] = [await instance(), await instance()];
    await a.conversations.set('c1', { subject: 'p/one', card: 'p/one-a' });
    await b.conversations.set('c1', { subject: 'p/two', card: 'p/two-a' });
    // a has its own older copy; Redis has b's later one.
    expect((await a.conversations.get('c1'))?.subject).toBe('p/two');

    await redis.set(redisKeys(PREFIX).conversation('stray'), 'not json', 'PX', 60_000);
    expect(await a.conversations.get('stray')).toBeUndefined();
  });

  it('record a seen id once across instances, atomically, for exactly its TTL from the first sighting', async () => {
    const [a, b] = [await instance(), await instance()];
    const setA = a.seenSet('events', { ttlMs: 60_000 });
    const setB = b.seenSet('events', { ttlMs: 60_000 });
    // Twenty deliveries of one id at once, half to each instance: exactly one is new.
    const verdicts = await Promise.all(
      Array.from({ length: 20 }, (_, i) => (i % 2 === 0 ? setA : setB).seen('Ev-atomic')),
    );
    expect(verdicts.filter((seen) => !seen)).toHaveLength(1);

    const key = redisKeys(PREFIX).seen('events', 'Ev-atomic');
    const first = await redis.pttl(key);
    expect(first).toBeGreaterThan(55_000);
    expect(first).toBeLessThanOrEqual(60_000);
    // A later sighting on an instance that never saw it locally does not extend the TTL.
    const c = await instance();
    expect(await c.seenSet('events', { ttlMs: 60_000 }).seen('Ev-atomic')).toBe(true);
    expect(await redis.pttl(key)).toBeLessThanOrEqual(first);
    // Sets of different names are apart.
    expect(await setA.seen('other')).toBe(false);
    expect(await b.seenSet('replays', { ttlMs: 60_000 }).seen('other')).toBe(false);
  });

  it('forget a seen id once its TTL has passed', async () => {
    const [a, b] = [await instance(), await instance()];
    expect(await a.seenSet('short', { ttlMs: 150 }).seen('Ev-short')).toBe(false);
    const key = redisKeys(PREFIX).seen('short', 'Ev-short');
    expect(await redis.exists(key)).toBe(1);
    // Redis expires the key itself; wait for that, bounded.
    const deadline = Date.now() + 5_000;
    while ((await redis.exists(key)) === 1 && Date.now() < deadline) await redis.call('PING');
    expect(await redis.exists(key)).toBe(0);
    expect(await b.seenSet('short', { ttlMs: 150 }).seen('Ev-short')).toBe(false);
  });

  it("hold a user's rate limit across instances, counted in one hashed key", async () => {
    const limits = { RATE_LIMIT_BURST: '3', RATE_LIMIT_PER_MINUTE: '6' };
    const [a, b] = [await instance(limits), await instance(limits)];
    const verdicts = [];
    for (const stores of [a, b, a, b]) verdicts.push(await stores.limiter.take('slack:U-limited'));
    expect(verdicts.slice(0, 3).every((v) => v.ok)).toBe(true);
    const refused = verdicts[3];
    expect(refused?.ok).toBe(false);
    // The window of 3 questions at 6 a minute is 30 s.
    if (refused && !refused.ok) {
      expect(refused.retryAfterMs).toBeGreaterThan(20_000);
      expect(refused.retryAfterMs).toBeLessThanOrEqual(30_000);
    }
    expect((await b.limiter.take('slack:U-other')).ok).toBe(true);
    const key = `${redisKeys(PREFIX).rateLimitPrefix}:${hashed('slack:U-limited')}`;
    expect(await redis.get(key)).toBe('4');
  });
});

import { Redis } from 'ioredis';
import { afterAll, afterEach, expect, it } from 'vitest';
import { startTcpProxy, type TcpProxy } from '../../scripts/lib/tcp-proxy.js';
import { createBot } from '../../src/bot/bot.js';
import { withRateLimit } from '../../src/bot/limited-bot.js';
import type { Bot } from '../../src/bot/port.js';
import { readConfig } from '../../src/config.js';
import { loadPacks } from '../../src/knowledge/load-packs.js';
import { redisKeys } from '../../src/state/redis/keys.js';
import { CONNECT_TIMEOUT_MS } from '../../src/state/redis/limits.js';
import { createStateStores, type StateStores } from '../../src/state/stores.js';
import { memoryLogger } from '../runtime/support/temp-knowledge.js';
import {
  deleteKeys,
  describeWithRedis,
  HAS_REDIS_SERVER,
  type PrivateRedis,
  REDIS_URL,
  redisTarget,
  startPrivateRedis,
  uniquePrefix,
} from './support/redis.js';

/**
 * Redis going away is not an outage: the stores answer from local state at once, the log says so
 * once (and once again when Redis is back), `/readyz` tells, and sharing resumes by itself. Redis
 * "goes away" behind a proxy of this test's own, or is a private server the test stops: the
 * shared server is never touched.
 */
const PREFIX = uniquePrefix('degrade');
const url = REDIS_URL ?? 'redis://127.0.0.1:6379';
const packs = loadPacks('knowledge');
const cleanup: Array<() => Promise<unknown>> = [];

interface Instance {
  stores: StateStores;
  bot: Bot;
  logs: Array<Record<string, unknown>>;
}

async function instanceOn(redisUrl: string, env: Record<string, string> = {}): Promise<Instance> {
  // A generous timeout unless a test sets one: a lagging event loop must not pass for Redis going away.
  const config = readConfig({ REDIS_URL: redisUrl, KEY_PREFIX: PREFIX, REDIS_TIMEOUT_MS: '2000', ...env });
  const log = memoryLogger('info');
  const stores = createStateStores(config, { logger: log.logger });
  cleanup.push(() => stores.close());
  await stores.start();
  const bot = withRateLimit(createBot(packs, { conversations: stores.conversations }), stores.limiter);
  return { stores, bot, logs: log.lines };
}

async function proxy(): Promise<TcpProxy> {
  const started = await startTcpProxy([redisTarget(url)]);
  cleanup.push(() => started.close());
  return started;
}

/** Where an instance stands with Redis, as `/readyz` says. */
function redisState(instance: Instance): string {
  const status = instance.stores.status();
  return status.store === 'redis' ? status.redis : status.store;
}

const messages = (instance: Instance, level: number) =>
  instance.logs.filter((l) => l.level === level).map((l) => String(l.msg));
const WARN = 40;
const INFO = 30;

/** Polls `condition` (a state change the stores make on their own) until it holds, bounded. */
async function until(condition: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** A question, then a follow-up that is read by the subject it leaves: the two cards answered. */
const QUESTION = 'who is Krasikov?';
const FOLLOW_UP = 'what was he sentenced to?';

async function ask(bot: Bot, text: string, conversation: string): Promise<string> {
  const reply = await bot.ask({ text, user: `U-${conversation}`, conversation, platform: 'slack' });
  return reply.kind === 'answer' ? `${reply.card.pack}/${reply.card.card}` : reply.kind;
}

async function conversation(bot: Bot, id: string): Promise<string[]> {
  return [await ask(bot, QUESTION, id), await ask(bot, FOLLOW_UP, id)];
}

describeWithRedis('Redis going away', () => {
  afterEach(async () => {
    for (const close of cleanup.splice(0).reverse()) await close();
  });
  afterAll(async () => {
    await deleteKeys(url, PREFIX);
  });

  it('answers from local state, warns once, reports it, and shares again when Redis is back', async () => {
    const cut = await proxy();
    const instance = await instanceOn(`redis://127.0.0.1:${cut.port}`);
    // Asked on one subject with Redis up: the expected cards of the follow-up.
    const expected = await conversation(instance.bot, 'before');
    // The follow-up needs the memory: asked alone, it gets another card.
    expect(await ask(instance.bot, FOLLOW_UP, 'alone')).not.toBe(expected[1]);

    cut.setMode('refuse');
    const during = await Promise.all(
      Array.from({ length: 30 }, (_, i) => conversation(instance.bot, `during-${i}`)),
    );
    for (const cards of during) expect(cards).toEqual(expected);
    const status = instance.stores.status();
    expect(status).toMatchObject({ store: 'redis', shared: false, redis: 'unreachable' });
    expect(status.store === 'redis' && status.lastError).toBeTruthy();
    expect(messages(instance, WARN).filter((m) => m.includes('redis unreachable'))).toHaveLength(1);

    cut.setMode('forward');
    await until(() => redisState(instance) === 'connected', 'Redis back');
    expect(messages(instance, INFO).filter((m) => m.includes('redis reachable again'))).toHaveLength(1);
    expect(messages(instance, WARN).filter((m) => m.includes('redis unreachable'))).toHaveLength(1);
    // Writes reach Redis again.
    await conversation(instance.bot, 'after');
    const redis = new Redis(url);
    cleanup.push(async () => redis.disconnect());
    expect(await redis.exists(redisKeys(PREFIX).conversation('after'))).toBe(1);
    expect(await redis.exists(redisKeys(PREFIX).conversation('during-0'))).toBe(0);
  }, 30_000);

  it('skips a Redis that stopped answering, after one timeout, instead of waiting on it per question', async () => {
    const stall = await proxy();
    const instance = await instanceOn(`redis://127.0.0.1:${stall.port}`, { REDIS_TIMEOUT_MS: '200' });
    stall.setMode('stall');
    const first = performance.now();
    expect(await instance.stores.seenSet('events', { ttlMs: 60_000 }).seen('Ev-stalled')).toBe(false);
    const firstMs = performance.now() - first;
    // Bounded by the command timeout (200 ms), plus a busy machine's slack.
    expect(firstMs).toBeLessThan(2_000);
    expect(instance.stores.status()).toMatchObject({ shared: false, redis: 'unreachable' });

    const rest = performance.now();
    for (let i = 0; i < 20; i++) {
      await instance.bot.ask({
        text: 'who is Krasikov?',
        user: `U${i}`,
        conversation: `c${i}`,
        platform: 'slack',
      });
    }
    // Had each question waited for the timeout (three commands each), this would take 12 s.
    expect(performance.now() - rest).toBeLessThan(2_000);

    stall.setMode('forward');
    await until(() => redisState(instance) === 'connected', 'Redis back');
  }, 30_000);

  it('starts on local state when Redis is unreachable, within the bounded wait, and shares once it answers', async () => {
    const cut = await proxy();
    cut.setMode('refuse');
    const started = performance.now();
    const instance = await instanceOn(`redis://127.0.0.1:${cut.port}`);
    expect(performance.now() - started).toBeLessThan(CONNECT_TIMEOUT_MS + 3_000);
    expect(instance.stores.status()).toMatchObject({ shared: false });
    expect(
      (await instance.bot.ask({ text: 'help', user: 'U', conversation: 'c', platform: 'slack' })).kind,
    ).toBe('builtin');
    expect(messages(instance, WARN).filter((m) => m.includes('redis unreachable'))).toHaveLength(1);
    cut.setMode('forward');
    await until(() => redisState(instance) === 'connected', 'Redis up');
    // Closing does not hang either way.
    cut.setMode('refuse');
    const closing = performance.now();
    await instance.stores.close();
    expect(performance.now() - closing).toBeLessThan(3_000);
  }, 30_000);

  it.skipIf(!HAS_REDIS_SERVER)(
    'survives a Redis server stopped and restarted empty: answers go on, sharing resumes',
    async () => {
      const server: PrivateRedis = await startPrivateRedis();
      cleanup.push(() => server.stop());
      const [a, b] = [await instanceOn(server.url), await instanceOn(server.url)];
      const expected = await conversation(a.bot, 'first');
      await server.stop();
      // The conversation goes on where it started, from that instance's own copy.
      expect(await ask(a.bot, FOLLOW_UP, 'first')).toBe(expected[1]);
      await until(() => redisState(b) === 'unreachable', 'b to notice');

      await server.start();
      await until(() => [a, b].every((i) => redisState(i) === 'connected'), 'both instances back on Redis');
      // Shared again: a question on a, its follow-up on b.
      await ask(a.bot, QUESTION, 'second');
      expect(await ask(b.bot, FOLLOW_UP, 'second')).toBe(expected[1]);
      for (const instance of [a, b]) {
        expect(messages(instance, WARN).filter((m) => m.includes('redis unreachable'))).toHaveLength(1);
        expect(messages(instance, INFO).filter((m) => m.includes('redis reachable again'))).toHaveLength(1);
      }
    },
    60_000,
  );
});

/**
 * What Redis costs Factdesk (`npx tsx scripts/redis-cost.ts`; `--conversations N`, `--json`):
 *
 * - time: the same questions asked one after another through the core (rate limit, conversation
 *   read and write) with in-process stores, then with Redis stores, and a Slack request's replay
 *   check (a seen set), in-process then Redis: the time each adds per question, p50 and p99;
 * - memory: N conversations (one question each, remembered), N users' rate-limit windows, N
 *   replay signatures and N event ids written through the real Redis stores, each key's
 *   `MEMORY USAGE`, and the server's `used_memory` before and after.
 *
 * Runs on a private `redis-server` when one can be started (so that `used_memory` counts only
 * these keys), else on `REDIS_URL`; deletes its keys either way.
 */
import { Redis } from 'ioredis';
import { createBot } from '../src/bot/bot.js';
import { withRateLimit } from '../src/bot/limited-bot.js';
import { readConfig } from '../src/config.js';
import { loadPacks } from '../src/knowledge/load-packs.js';
import { createLogger } from '../src/log.js';
import { createStateStores, type StateStores } from '../src/state/stores.js';
import { loadEvalSet } from './lib/eval-set.js';
import { percentile } from './lib/latency.js';
import {
  deleteKeys,
  HAS_REDIS_SERVER,
  keysUnder,
  type PrivateRedis,
  startPrivateRedis,
} from './lib/redis-server.js';

const args = process.argv.slice(2);
const at = args.indexOf('--conversations');
const COUNT = at >= 0 ? Number(args[at + 1]) : 10_000;
if (!Number.isInteger(COUNT) || COUNT < 1) {
  process.stderr.write('redis-cost: --conversations expects a positive whole number\n');
  process.exit(2);
}
/** Questions timed per back end. */
const TIMED = 3000;

const server: PrivateRedis | undefined = HAS_REDIS_SERVER ? await startPrivateRedis() : undefined;
const url = server?.url ?? process.env.REDIS_URL;
if (!url) {
  process.stderr.write('redis-cost: needs redis-server on the PATH, or REDIS_URL\n');
  process.exit(2);
}
const prefix = `factdesk-cost:${Date.now().toString(36)}:`;
const redis = new Redis(url);
const logger = createLogger('warn');
const round = (n: number) => Math.round(n * 1000) / 1000;

try {
  // --- time
  const packs = loadPacks('knowledge');
  const questions = loadEvalSet('tests/eval/stories/us-russia-prisoner-exchange/test.yaml').map(
    (item) => item.q,
  );
  const timeQuestions = async (stores: StateStores) => {
    const bot = withRateLimit(createBot(packs, { conversations: stores.conversations }), stores.limiter);
    const replays = stores.seenSet('slack-replays', { ttlMs: 6 * 60_000 });
    const ask: number[] = [];
    const replay: number[] = [];
    for (let i = 0; i < TIMED; i++) {
      const started = performance.now();
      await replays.seen(`v0=${i.toString(16).padStart(64, '0')}`);
      const checked = performance.now();
      await bot.ask({
        text: questions[i % questions.length] ?? 'help',
        user: `U${i % 500}`,
        conversation: `slack:T:C:user:U${i % 500}`,
        platform: 'slack',
      });
      replay.push(checked - started);
      ask.push(performance.now() - checked);
    }
    return { ask: ask.sort((x, y) => x - y), replay: replay.sort((x, y) => x - y) };
  };
  const limits = { RATE_LIMIT_PER_MINUTE: '100000', RATE_LIMIT_BURST: '100000' };
  const local = createStateStores(readConfig(limits), { logger });
  await timeQuestions(local); // warm-up: the matcher's first questions compile code
  const inProcess = await timeQuestions(local);
  const shared = createStateStores(readConfig({ ...limits, REDIS_URL: url, KEY_PREFIX: `${prefix}time:` }), {
    logger,
  });
  await shared.start();
  const inRedis = await timeQuestions(shared);
  await shared.close();
  const time = {
    questions: TIMED,
    askP50Ms: { inProcess: round(percentile(inProcess.ask, 50)), redis: round(percentile(inRedis.ask, 50)) },
    askP99Ms: { inProcess: round(percentile(inProcess.ask, 99)), redis: round(percentile(inRedis.ask, 99)) },
    replayCheckP50Ms: {
      inProcess: round(percentile(inProcess.replay, 50)),
      redis: round(percentile(inRedis.replay, 50)),
    },
    replayCheckP99Ms: {
      inProcess: round(percentile(inProcess.replay, 99)),
      redis: round(percentile(inRedis.replay, 99)),
    },
  };

  // --- memory
  const usedMemory = async () => Number(/used_memory:(\d+)/.exec(await redis.info('memory'))?.[1]);
  const before = await usedMemory();
  const stores = createStateStores(readConfig({ REDIS_URL: url, KEY_PREFIX: `${prefix}mem:` }), { logger });
  await stores.start();
  const replays = stores.seenSet('slack-replays', { ttlMs: 6 * 60_000 });
  const events = stores.seenSet('slack-events', { ttlMs: 60 * 60_000 });
  for (let i = 0; i < COUNT; i++) {
    // Ids shaped like Slack's: a conversation per user and channel, a signature, an event id.
    const user = `U${String(10_000_000 + i)}`;
    await stores.limiter.take(`slack:${user}`);
    await stores.conversations.set(`slack:T0123ABCD:C0123ABCD:user:${user}`, {
      subject: 'us-russia-prisoner-exchange/krasikov',
      card: 'us-russia-prisoner-exchange/krasikov-sentence',
    });
    await replays.seen(`v0=${(BigInt(i) * 0x9e3779b97f4a7c15n).toString(16).padStart(64, '0')}`);
    await events.seen(`Ev0${String(100_000_000 + i)}`);
  }
  await stores.close();
  const after = await usedMemory();
  const keys = await keysUnder(redis, `${prefix}mem:`);
  const kinds = {
    conversation: ':conv:',
    'rate limit': ':rate:',
    replay: ':seen:slack-replays:',
    event: ':seen:slack-events:',
  };
  const perKind: Record<string, { keys: number; bytes: number; ttlSeconds: number }> = {};
  for (const [kind, marker] of Object.entries(kinds)) {
    const ofKind = keys.filter((k) => k.includes(marker));
    let bytes = 0;
    for (const key of ofKind) bytes += Number(await redis.memory('USAGE', key, 'SAMPLES', '0'));
    const ttl = ofKind[0] ? await redis.pttl(ofKind[0]) : 0;
    perKind[kind] = { keys: ofKind.length, bytes, ttlSeconds: Math.round(ttl / 1000) };
  }
  const memory = {
    conversations: COUNT,
    perKind,
    memoryUsageTotalBytes: Object.values(perKind).reduce((sum, k) => sum + k.bytes, 0),
    usedMemoryDeltaBytes: after - before,
  };

  const report = {
    redis: server ? 'private redis-server' : 'REDIS_URL (shared: other clients count too)',
    time,
    memory,
  };
  if (args.includes('--json')) process.stdout.write(`${JSON.stringify(report)}\n`);
  else {
    const mb = (n: number) => `${(n / 1024 / 1024).toFixed(2)} MB`;
    const lines = [
      `Redis (${report.redis})`,
      `time, ${TIMED} questions one after another, in-process → Redis:`,
      `  ask (rate limit, conversation read and write)  p50 ${time.askP50Ms.inProcess} → ${time.askP50Ms.redis} ms   p99 ${time.askP99Ms.inProcess} → ${time.askP99Ms.redis} ms`,
      `  replay check (seen set)                        p50 ${time.replayCheckP50Ms.inProcess} → ${time.replayCheckP50Ms.redis} ms   p99 ${time.replayCheckP99Ms.inProcess} → ${time.replayCheckP99Ms.redis} ms`,
      `memory for ${COUNT} active conversations:`,
    ];
    for (const [kind, k] of Object.entries(perKind)) {
      lines.push(
        `  ${kind.padEnd(13)} ${String(k.keys).padStart(6)} keys  ${mb(k.bytes).padStart(9)}  ${Math.round(k.bytes / Math.max(1, k.keys))} B a key  TTL ${k.ttlSeconds} s`,
      );
    }
    lines.push(
      `  MEMORY USAGE, all keys: ${mb(memory.memoryUsageTotalBytes)}; used_memory grew by ${mb(memory.usedMemoryDeltaBytes)}`,
    );
    process.stdout.write(`${lines.join('\n')}\n`);
  }
} finally {
  await deleteKeys(url, prefix);
  redis.disconnect();
  await server?.stop();
}

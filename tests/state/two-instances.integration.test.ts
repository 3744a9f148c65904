import { resolve } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { escapeMrkdwn } from '../../adapters/slack/escape.js';
import type { ChildApp } from '../../scripts/lib/child-app.js';
import {
  type SlackInstance,
  type SlackInstances,
  startSlackInstances,
} from '../../scripts/lib/slack-instances.js';
import { startTcpProxy, type TcpProxy } from '../../scripts/lib/tcp-proxy.js';
import { createBot } from '../../src/bot/bot.js';
import type { Reply } from '../../src/bot/reply.js';
import { loadPacks } from '../../src/knowledge/load-packs.js';
import { textOf } from '../adapters/slack/support/blocks.js';
import { BOT_TOKEN, BOT_USER, type FakeSlack, startFakeSlack } from '../adapters/slack/support/fake-slack.js';
import { appMention, envelope, slashCommand, ts, uid } from '../adapters/slack/support/payloads.js';
import {
  postCommand,
  postSigned,
  type Sent,
  SIGNING_SECRET,
} from '../adapters/slack/support/signed-request.js';
import { deleteKeys, describeWithRedis, REDIS_URL, redisTarget, uniquePrefix } from './support/redis.js';

/**
 * Issue 13's proof: two real Slack HTTP instances (`bin/start.ts`, two processes) on loopback
 * behind a round-robin balancer, sharing a real Redis, behave as one bot. They reach Redis
 * through a proxy of this test's own, which the last test cuts to play Redis going away.
 */
const KNOWLEDGE = resolve('knowledge');
const PREFIX = uniquePrefix('two-instances');
const BURST = 3;
const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

let fake: FakeSlack;
let redisProxy: TcpProxy;
let group: SlackInstances;
let a: SlackInstance;
let b: SlackInstance;

const QUESTION = 'who is Krasikov?';
const FOLLOW_UP = 'what was he sentenced to?';
/** What the follow-up gets after the question, and asked alone: they must differ. */
let followUpAnswer: string;
let followUpAlone: string;

describeWithRedis('two Slack instances sharing Redis', () => {
  beforeAll(async () => {
    const bot = createBot(loadPacks(KNOWLEDGE));
    const textOfReply = (reply: Reply) => (reply.kind === 'answer' ? reply.text : reply.kind);
    await bot.ask({ text: QUESTION, user: 'U', conversation: 'with', platform: 'slack' });
    followUpAnswer = textOfReply(
      await bot.ask({ text: FOLLOW_UP, user: 'U', conversation: 'with', platform: 'slack' }),
    );
    followUpAlone = textOfReply(
      await bot.ask({ text: FOLLOW_UP, user: 'U', conversation: 'alone', platform: 'slack' }),
    );

    fake = await startFakeSlack();
    redisProxy = await startTcpProxy([redisTarget(REDIS_URL ?? '')]);
    group = await startSlackInstances(2, {
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      REDIS_URL: `redis://127.0.0.1:${redisProxy.port}`,
      KEY_PREFIX: PREFIX,
      KNOWLEDGE_DIR: KNOWLEDGE,
      KNOWLEDGE_WATCH: 'false',
      LOG_LEVEL: 'info',
      RATE_LIMIT_BURST: String(BURST),
      RATE_LIMIT_PER_MINUTE: '1',
      // Generous: on a busy machine a lagging event loop must not pass for Redis going away.
      REDIS_TIMEOUT_MS: '2000',
      // The exchange log is not what this test is about; kept, it would be an SQLite file in the
      // working directory shared by both processes (several instances share PostgreSQL).
      LOG_EXCHANGES: 'false',
    });
    [a, b] = group.instances as [SlackInstance, SlackInstance];
  }, 120_000);

  afterAll(async () => {
    await group?.stop('SIGKILL', 1000);
    await redisProxy?.close();
    await fake?.close();
    if (REDIS_URL) await deleteKeys(REDIS_URL, PREFIX);
  });

  it('share Redis from the start, as /readyz says', async () => {
    expect(followUpAnswer).not.toBe(followUpAlone);
    for (const instance of [a, b]) {
      const ready = await fetch(`${instance.base}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({
        state: { store: 'redis', shared: true, keyPrefix: PREFIX },
      });
    }
  });

  it('answer an event delivered to both (a Slack retry reaching the other) once', async () => {
    const eventId = uid('EvRetry');
    const mentionTs = ts();
    const event = envelope(
      appMention({ text: `<@${BOT_USER}> who is Krasikov?`, channel: 'C0RETRY', ts: mentionTs }),
      eventId,
    );
    const sentAt = Math.floor(Date.now() / 1000);
    const body = JSON.stringify(event);
    expect(
      (await postSigned(`${a.base}/slack/events`, body, JSON_TYPE, { signing: { timestamp: sentAt } }))
        .status,
    ).toBe(200);
    // Slack retries later, so signed anew, with the retry headers; this one reaches the other instance.
    const retry = await postSigned(`${b.base}/slack/events`, body, JSON_TYPE, {
      signing: { timestamp: sentAt + 1 },
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    expect(retry.status).toBe(200);
    await b.app.waitForLog((e) => e.msg === 'duplicate event ignored' && e.eventId === eventId);
    const answered = (c: { method: string; params: Record<string, string> }) =>
      c.method === 'chat.postMessage' && c.params.thread_ts === mentionTs;
    await fake.calls.waitFor(answered, 'the answer to the mention', 20_000);
    expect(fake.calls.filter(answered)).toHaveLength(1);
  }, 60_000);

  it('keep a follow-up that lands on the other instance on its subject', async () => {
    const user = uid('UFollow');
    const first = await command(group.base, QUESTION, user);
    const second = await command(group.base, FOLLOW_UP, user);
    // The balancer sent them to different instances, which each logged their answer.
    expect(await answeredBy(user, 2)).toEqual([1, 1]);
    expect(textOf(first.body.blocks)).not.toContain(escapeMrkdwn(followUpAnswer));
    expect(textOf(second.body.blocks)).toContain(escapeMrkdwn(followUpAnswer));
  }, 60_000);

  it("hold a user's rate limit across instances", async () => {
    const user = uid('URate');
    const replies = [];
    for (let i = 0; i <= BURST; i++) replies.push(await command(group.base, QUESTION, user));
    const limited = replies.map((r) => textOf(r.body.blocks).includes('faster than I can keep up'));
    expect(limited).toEqual([...Array(BURST).fill(false), true]);
    // Both instances answered some of them: one shared limit, not one per instance.
    const [byA, byB] = await answeredBy(user, BURST + 1);
    expect(byA + byB).toBe(BURST + 1);
    expect(Math.min(byA, byB)).toBeGreaterThan(0);
  }, 60_000);

  it('reject a signed request replayed to the other instance', async () => {
    const id = uid('replay');
    const body = new URLSearchParams(
      slashCommand({ text: QUESTION, responseUrl: fake.responseUrl(id), user: uid('UReplay') }),
    ).toString();
    const signing = { timestamp: Math.floor(Date.now() / 1000) };
    expect((await postSigned(`${a.base}/slack/events`, body, FORM, { signing })).status).toBe(200);
    // The same bytes and headers, captured and sent again, to the instance that has not seen them.
    const replayed: Sent = await postSigned(`${b.base}/slack/events`, body, FORM, { signing });
    expect(replayed.status).toBe(200);
    await b.app.waitForLog((e) => e.msg === 'replayed request ignored');
    await fake.responses.waitFor((r) => r.id === id, 'the answer to the original', 20_000);
    expect(fake.responses.filter((r) => r.id === id)).toHaveLength(1);
  }, 60_000);

  it('go on answering when Redis goes away, losing nothing, and share again when it is back', async () => {
    redisProxy.setMode('refuse');
    const users = Array.from({ length: 20 }, (_, i) => uid(`UDown${i}`));
    const during = await Promise.all(users.map((user) => command(group.base, QUESTION, user)));
    for (const reply of during) expect(textOf(reply.body.blocks)).not.toContain('faster than I');
    for (const instance of [a, b]) {
      await instance.app.waitForLog((e) => String(e.msg).includes('redis unreachable'));
      const ready = await fetch(`${instance.base}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ state: { shared: false, redis: 'unreachable' } });
    }
    // Both took some of the questions; every acknowledged one was answered, once.
    const served = await Promise.all(users.map((user) => answeredBy(user, 1)));
    expect(served.filter(([byA]) => byA === 1).length).toBeGreaterThan(0);
    expect(served.filter(([, byB]) => byB === 1).length).toBeGreaterThan(0);
    for (const reply of during) expect(fake.responses.filter((r) => r.id === reply.id)).toHaveLength(1);

    redisProxy.setMode('forward');
    for (const instance of [a, b]) {
      await instance.app.waitForLog((e) => String(e.msg).includes('redis reachable again'), 30_000);
    }
    // Sharing resumed: a follow-up on the other instance keeps its subject again.
    const user = uid('UBack');
    await command(group.base, QUESTION, user);
    const followUp = await command(group.base, FOLLOW_UP, user);
    expect(await answeredBy(user, 2)).toEqual([1, 1]);
    expect(textOf(followUp.body.blocks)).toContain(escapeMrkdwn(followUpAnswer));
    // One warning and one recovery per instance, however many questions came in between.
    for (const instance of [a, b]) {
      expect(count(instance.app, 'redis unreachable')).toBe(1);
      expect(count(instance.app, 'redis reachable again')).toBe(1);
    }
  }, 90_000);

  it('stop cleanly, with no error logged', async () => {
    const codes = await group.stop('SIGTERM');
    expect(codes).toEqual([0, 0]);
    for (const instance of [a, b]) {
      expect(instance.app.logs.filter((line) => /"level":(50|60)/.test(line))).toEqual([]);
    }
  }, 60_000);
});

/** A slash command sent to `base`, acknowledged; resolves with its answer's id and body. */
async function command(base: string, text: string, user: string) {
  const id = uid('cmd');
  const sent = await postCommand(
    `${base}/slack/events`,
    slashCommand({ text, responseUrl: fake.responseUrl(id), user }),
  );
  expect(sent.status).toBe(200);
  const answer = await fake.responses.waitFor((r) => r.id === id, `the answer to "${text}"`, 20_000);
  return { id, body: answer.body };
}

/**
 * How many of `user`'s `expected` answers each instance logged, `[a, b]`. An instance logs an
 * answer once it is delivered, so the lines may trail the answers the fake received: wait for
 * all of them, bounded.
 */
async function answeredBy(user: string, expected: number): Promise<[number, number]> {
  const mine = (line: string) => line.includes('"msg":"answered"') && line.includes(`:user:${user}"`);
  const counts = (): [number, number] => [a.app.logs.filter(mine).length, b.app.logs.filter(mine).length];
  const deadline = Date.now() + 20_000;
  while (counts()[0] + counts()[1] < expected && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  return counts();
}

function count(app: ChildApp, text: string): number {
  return app.logs.filter((line) => line.includes(text)).length;
}

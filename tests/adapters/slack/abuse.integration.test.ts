import { Agent, request } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackPlatform } from '../../../adapters/slack/platform.js';
import { createSlackAdapter, type SlackAdapter } from '../../../adapters/slack/slack-adapter.js';
import { type Bot, createBot } from '../../../src/bot/bot.js';
import { withRateLimit } from '../../../src/bot/limited-bot.js';
import { readConfig } from '../../../src/config.js';
import { loadVersionedPacks } from '../../../src/knowledge/load-packs.js';
import { createLogger } from '../../../src/log.js';
import { createHealth, type Health } from '../../../src/runtime/health.js';
import { inProcessRateLimiter } from '../../../src/state/rate-limit.js';
import { memoryLogger } from '../../runtime/support/temp-knowledge.js';
import { until } from '../../support/until.js';
import { textOf } from './support/blocks.js';
import { BOT_TOKEN, BOT_USER, type FakeSlack, startFakeSlack } from './support/fake-slack.js';
import { createHttpAdapter } from './support/http-adapter.js';
import { appMention, directMessage, envelope, slashCommand, ts, uid } from './support/payloads.js';
import { handled } from './support/recorder.js';
import { NO_LAG_SHEDDING } from './support/settings.js';
import {
  postCommand,
  postEvent,
  postSigned,
  type Sent,
  SIGNING_SECRET,
  signatureHeaders,
} from './support/signed-request.js';

/**
 * What the Slack adapter does with hostile or broken input, in HTTP mode with the real Bolt
 * app: nothing crashes, nothing is answered that should not be, nothing is lost.
 */
const loaded = loadVersionedPacks('knowledge');
const BURST = 3;
let bot: Bot;
let health: Health;
let fake: FakeSlack;
let adapter: SlackAdapter;
let base: string;
let url: string;
const log = memoryLogger('info');

beforeAll(async () => {
  fake = await startFakeSlack();
  health = createHealth();
  health.knowledgeLoaded(loaded);
  bot = withRateLimit(
    createBot(loaded.map((p) => p.pack)),
    inProcessRateLimiter({ perMinute: 1, burst: BURST }),
  );
  adapter = createSlackAdapter({
    bot,
    config: readConfig(
      { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, ...NO_LAG_SHEDDING },
      [slackPlatform],
    ),
    logger: log.logger,
    clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
    listen: { port: 0, host: '127.0.0.1' },
    httpRoutes: health.routes,
  });
  await adapter.start();
  base = `http://127.0.0.1:${adapter.address()?.port}`;
  url = `${base}/slack/events`;
});

afterAll(async () => {
  await adapter?.stop();
  await fake?.close();
});

const command = (text: string, id: string, user = uid('U')) =>
  new URLSearchParams(slashCommand({ text, responseUrl: fake.responseUrl(id), user })).toString();
const answersTo = (id: string) => fake.responses.filter((r) => r.id === id);
const FORM = 'application/x-www-form-urlencoded';

/** After a probe, a good request still gets its answer: the server is alive and serving. */
async function stillServing(): Promise<void> {
  const id = uid('alive');
  const sent = await postCommand(
    url,
    slashCommand({ text: 'help', responseUrl: fake.responseUrl(id), user: uid('U') }),
  );
  expect(sent.status).toBe(200);
  await fake.responses.waitFor((r) => r.id === id, 'the answer after the probe');
}

/** A raw request, for what postSigned will not send (no signature headers, a lying length). */
function rawPost(
  path: string,
  headers: Record<string, string | number>,
  body: string | Buffer,
): Promise<Sent> {
  const started = performance.now();
  return new Promise((resolve) => {
    const req = request(`${base}${path}`, { method: 'POST', agent: false, headers }, (res) => {
      res.resume();
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: '', ms: performance.now() - started }),
      );
    });
    // A server that refuses a large body may close the socket while it is still being sent.
    req.on('error', () => resolve({ status: -1, body: '', ms: performance.now() - started }));
    req.end(body);
  });
}

describe('signatures', () => {
  it('refuses a request without signature headers', async () => {
    const id = uid('unsigned');
    const body = command('who is Krasikov?', id);
    const sent = await rawPost(
      '/slack/events',
      { 'content-type': FORM, 'content-length': Buffer.byteLength(body) },
      body,
    );
    expect(sent.status).toBe(401);
    await stillServing();
    expect(answersTo(id)).toEqual([]);
  });

  it('refuses a signature made for another body', async () => {
    const id = uid('swapped');
    const signedFor = command('help', uid('other'));
    const body = command('who is Krasikov?', id);
    const sent = await postSigned(url, body, FORM, {
      headers: signatureHeaders(signedFor),
    });
    expect(sent.status).toBe(401);
    await stillServing();
    expect(answersTo(id)).toEqual([]);
  });

  it('answers a replayed command once: the same signed body sent again is acknowledged, not answered', async () => {
    const id = uid('replay');
    const body = command('who is Krasikov?', id);
    // Signed a minute ago, replayed now: inside the five minutes Bolt itself accepts.
    const signing = { timestamp: Math.floor(Date.now() / 1000) - 60 };
    const first = await postSigned(url, body, FORM, { signing });
    const replays = await Promise.all([1, 2, 3].map(() => postSigned(url, body, FORM, { signing })));
    expect(first.status).toBe(200);
    for (const replay of replays) expect(replay.status).toBe(200);
    await fake.responses.waitFor((r) => r.id === id, 'the first answer');
    await stillServing();
    await handled(adapter);
    expect(answersTo(id)).toHaveLength(1);
    expect(log.lines.filter((l) => l.msg === 'replayed request ignored')).toHaveLength(3);
  });

  it('answers a replayed event once, re-signed or not', async () => {
    const channel = uid('C');
    const event = envelope(appMention({ text: `<@${BOT_USER}> who is Krasikov?`, channel, ts: ts() }));
    const body = JSON.stringify(event);
    const signing = { timestamp: Math.floor(Date.now() / 1000) - 30 };
    await postSigned(url, body, 'application/json', { signing });
    await postSigned(url, body, 'application/json', { signing }); // the same request again
    await postEvent(url, event); // the same event, signed anew (as a Slack retry is)
    await fake.calls.waitFor(
      (c) => c.method === 'chat.postMessage' && c.params.channel === channel,
      'the answer',
    );
    await stillServing();
    await handled(adapter);
    expect(
      fake.calls.filter((c) => c.method === 'chat.postMessage' && c.params.channel === channel),
    ).toHaveLength(1);
  });
});

describe('malformed and oversized requests', () => {
  it.each([
    ['JSON cut short', '{"type":"event_callback","event":', 'application/json'],
    ['JSON null', 'null', 'application/json'],
    ['a JSON array', '[1,2]', 'application/json'],
    ['a JSON string', '"hello"', 'application/json'],
    ['not JSON at all', '<xml/>', 'text/xml'],
    ['a form whose payload is not JSON', 'payload=%7Bnot-json', FORM],
    ['a form whose payload is null', 'payload=null', FORM],
  ])('answers 400 to %s, correctly signed, and keeps serving', async (_name, body, contentType) => {
    const sent = await postSigned(url, body, contentType as typeof FORM);
    expect(sent.status).toBe(400);
    await stillServing();
  });

  const json = (value: unknown) => [JSON.stringify(value), 'application/json'] as const;
  const interaction = (value: unknown) =>
    [`payload=${encodeURIComponent(JSON.stringify(value))}`, FORM] as const;
  const user = { id: 'U0CLICKER', team_id: 'T0TEAM' };
  it.each([
    ['an event that is null', ...json({ type: 'event_callback', event: null }), 400],
    [
      'an event whose user is a number',
      ...json({ type: 'event_callback', event: { type: 'app_mention', user: 7 } }),
      400,
    ],
    [
      'authorizations holding null',
      ...json({ type: 'event_callback', event: { type: 'app_mention' }, authorizations: [null] }),
      400,
    ],
    ['an empty object', ...json({}), 400],
    ['a url_verification without challenge', ...json({ type: 'url_verification' }), 400],
    ['a click with no user', ...interaction({ type: 'block_actions', actions: [] }), 400],
    ['a view submission without a view', ...interaction({ type: 'view_submission', user }), 400],
    [
      'a mention with no text, user or channel',
      ...json({ type: 'event_callback', event: { type: 'app_mention' } }),
      200,
    ],
    [
      'a mention whose user is null',
      ...json({
        type: 'event_callback',
        event: { type: 'app_mention', user: null, channel: 'C1', ts: '1.2' },
      }),
      200,
    ],
    [
      'a DM with no text or user',
      ...json({ type: 'event_callback', event: { type: 'message', channel_type: 'im' } }),
      200,
    ],
    [
      'an event of a type nobody listens to',
      ...json({ type: 'event_callback', event: { type: 'reaction_added' } }),
      200,
    ],
    ['a command with nothing but its name', 'command=%2Fask', FORM, 200],
    ['an unknown command', 'command=%2Funknown&text=hi&user_id=U1&channel_id=C1', FORM, 200],
    ['a click with no actions', ...interaction({ type: 'block_actions', user, actions: [] }), 200],
    [
      'a click on an action nobody listens to',
      ...interaction({ type: 'block_actions', user, actions: [{ action_id: 'someone_else', value: 'x' }] }),
      200,
    ],
    [
      'a click on a card with no value',
      ...interaction({ type: 'block_actions', user, actions: [{ action_id: 'factdesk_card:1' }] }),
      200,
    ],
    [
      'a share click with a junk value',
      ...interaction({
        type: 'block_actions',
        user,
        actions: [{ action_id: 'factdesk_share', value: '{}' }],
      }),
      200,
    ],
    [
      'a view submission',
      ...interaction({ type: 'view_submission', user, view: { id: 'V1', callback_id: 'x' } }),
      200,
    ],
    ['a shortcut', ...interaction({ type: 'shortcut', user, callback_id: 'x' }), 200],
  ])(
    'acknowledges %s at once (200, or 400 for no Slack payload), logs it once at warn, and keeps serving',
    async (_name, body, contentType, status) => {
      const before = log.lines.length;
      const sent = await postSigned(url, body, contentType as typeof FORM);
      expect(sent.status).toBe(status);
      // Bolt would have answered 404 after 3 s; a generous bound well below that, for a busy machine.
      expect(sent.ms).toBeLessThan(2000);
      await stillServing();
      const logged = log.lines.slice(before);
      expect(logged.filter((l) => Number(l.level) >= 50)).toEqual([]);
      expect(logged.filter((l) => l.level === 40)).toHaveLength(1);
    },
  );

  it('answers a command whose response_url leads nowhere, logging the failed delivery, and keeps serving', async () => {
    const sent = await postSigned(
      url,
      'command=%2Fask&text=hi&user_id=U1&channel_id=C1&response_url=http%3A%2F%2F127.0.0.1%3A1%2Fx',
      FORM,
    );
    expect(sent.status).toBe(200);
    await stillServing();
  });

  it('answers 413 to a body over 1 MB, without reading it, and answers nothing', async () => {
    const id = uid('huge');
    const body = command(`who is Krasikov? ${'x'.repeat(1_100_000)}`, id);
    const sent = await postSigned(url, body, FORM);
    expect([413, -1]).toContain(sent.status);
    // The same with a length header that lies: the limit holds on what actually arrives.
    const lying = await rawPost(
      '/slack/events',
      { 'content-type': FORM, 'transfer-encoding': 'chunked' },
      Buffer.alloc(1_200_000, 'a'),
    );
    expect([413, -1]).toContain(lying.status);
    await stillServing();
    expect(answersTo(id)).toEqual([]);
  });

  it('answers a question over the length cap with a polite refusal, not silence', async () => {
    const id = uid('long');
    await postCommand(
      url,
      slashCommand({
        text: `who is ${'Krasikov '.repeat(300)}?`,
        responseUrl: fake.responseUrl(id),
        user: uid('U'),
      }),
    );
    const { body } = await fake.responses.waitFor((r) => r.id === id, 'the refusal');
    expect(textOf(body.blocks)).toMatch(/too long/);
  });

  it('answers 404 to other paths and methods', async () => {
    expect((await fetch(`${base}/`)).status).toBe(404);
    expect((await fetch(`${base}/slack/events`)).status).toBe(404);
    expect((await fetch(`${base}/admin`, { method: 'POST', body: '{}' })).status).toBe(404);
  });
});

describe('markup and mentions typed by users', () => {
  const hostile =
    '<!channel> <!here|here> <!subteam^S123> @everyone <@U0VICTIM> <#C0SECRET> <https://evil.example|click me> *bold* `code` &lt; & >';
  const raw = [
    '<!channel>',
    '<!here',
    '<!subteam',
    '<@U0VICTIM>',
    '<#C0SECRET>',
    '<https://evil',
    '@everyone',
    ' & ',
    ' > ',
  ];

  it('are never sent back live from a slash command (escaped in the echo)', async () => {
    const id = uid('markup');
    await postCommand(
      url,
      slashCommand({ text: hostile, responseUrl: fake.responseUrl(id), user: uid('U') }),
    );
    const { body } = await fake.responses.waitFor((r) => r.id === id, 'the reply');
    const sent = JSON.stringify(body);
    for (const piece of raw) expect(sent).not.toContain(piece);
    expect(textOf(body.blocks)).toContain('&lt;!channel&gt;');
  });

  it.each([
    [
      'a mention',
      (channel: string) => appMention({ text: `<@${BOT_USER}> ${hostile}`, channel, ts: ts() }),
      'C',
    ],
    ['a DM', (channel: string) => directMessage({ text: hostile, channel, ts: ts() }), 'D'],
  ])('are never sent back live in reply to %s', async (_name, event, prefix) => {
    const channel = uid(prefix);
    await postEvent(url, envelope(event(channel)));
    const reply = await fake.calls.waitFor(
      (c) => c.method === 'chat.postMessage' && c.params.channel === channel,
      'the reply',
    );
    const sent = JSON.stringify({ text: reply.params.text, blocks: reply.blocks });
    for (const piece of raw) expect(sent).not.toContain(piece);
    expect(reply.params.link_names).toBeUndefined();
  });
});

describe('rate limit', () => {
  it('answers a flood from one user up to the burst, then politely refuses; others are unaffected', async () => {
    const flooder = uid('UFLOOD');
    const ids = Array.from({ length: BURST + 3 }, () => uid('flood'));
    for (const id of ids) await postSigned(url, command('who is Krasikov?', id, flooder), FORM);
    const other = uid('other');
    await postSigned(url, command('who is Krasikov?', other), FORM);
    const replies = await Promise.all(ids.map((id) => fake.responses.waitFor((r) => r.id === id, id)));
    const refused = replies.filter((r) => textOf(r.body.blocks).includes('faster than I can keep up'));
    expect(refused).toHaveLength(3);
    const { body } = await fake.responses.waitFor((r) => r.id === other, 'the other user');
    expect(textOf(body.blocks)).not.toContain('faster than I');
    const limited = log.lines.filter((l) => l.reason === 'rate-limited');
    expect(limited).toHaveLength(3);
  });
});

describe('bursts', () => {
  it('acknowledges and answers every one of 200 commands sent 50 at a time: none lost, none twice', async () => {
    const ids = Array.from({ length: 200 }, () => uid('burst'));
    const statuses: number[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 50 }, async () => {
        while (next < ids.length) {
          const id = ids[next++] ?? '';
          statuses.push((await postSigned(url, command('what happened in Ankara?', id), FORM)).status);
        }
      }),
    );
    expect(statuses.filter((s) => s === 200)).toHaveLength(ids.length);
    await Promise.all(ids.map((id) => fake.responses.waitFor((r) => r.id === id, id, 10_000)));
    const wanted = new Set(ids);
    expect(fake.responses.filter((r) => wanted.has(r.id))).toHaveLength(ids.length);
  }, 60_000);
});

describe('health on the Slack port', () => {
  it('serves /healthz and /readyz beside /slack/events', async () => {
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect((await fetch(`${base}/readyz`)).status).toBe(503); // no platform marked connected here
    health.platform('slack', 'connected');
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({
      ready: true,
      cards: expect.any(Number),
      packs: expect.any(Array),
    });
  });
});

describe('logs', () => {
  it('never hold the token, the signing secret, or raw payloads', () => {
    const all = JSON.stringify(log.lines);
    expect(all).not.toContain(BOT_TOKEN);
    expect(all).not.toContain(SIGNING_SECRET);
    expect(all).not.toContain('<!channel>');
    expect(all).not.toContain('response_url');
  });
});

/** A plain adapter of its own, to stop while the shared one keeps serving. */
function separateAdapter(logger = createLogger('silent')) {
  return createHttpAdapter(bot, fake, logger);
}

const signedCommand = (id: string) => command('who is Krasikov?', id);

describe('stopping the Slack adapter', () => {
  it('stops taking requests at once, and finishes the answers in flight before it resolves', async () => {
    const stopLog = memoryLogger('info');
    const slack = separateAdapter(stopLog.logger);
    await slack.start();
    const url = `http://127.0.0.1:${slack.address()?.port}/slack/events`;
    const id = uid('inflight');
    const release = fake.hold(id);
    expect((await postSigned(url, signedCommand(id), 'application/x-www-form-urlencoded')).status).toBe(200);
    await fake.responses.waitFor((r) => r.id === id, 'the answer on its way');
    expect(slack.inFlight).toBe(1);

    let stopped = false;
    const stopping = slack.stop().then(() => {
      stopped = true;
    });
    // The adapter logs when only the replies in flight are left to wait for: a stop that did not
    // wait for them would have resolved by the next turn of the event loop.
    await until(
      () => stopLog.lines.some((l) => l.msg === 'finishing replies'),
      'the stop to reach the replies',
    );
    await new Promise(setImmediate);
    expect(stopped).toBe(false);
    // No new work: the port is closed while the last answer is still being delivered.
    await expect(
      postSigned(url, signedCommand(uid('late')), 'application/x-www-form-urlencoded'),
    ).rejects.toThrow(/ECONNREFUSED/);
    release();
    await stopping;
    expect(slack.inFlight).toBe(0);
  });

  it('is not held up by idle keep-alive connections', async () => {
    const slack = separateAdapter();
    await slack.start();
    const url = `http://127.0.0.1:${slack.address()?.port}/slack/events`;
    const agent = new Agent({ keepAlive: true });
    const ids = [uid('ka'), uid('ka')];
    await Promise.all(
      ids.map((id) => postSigned(url, signedCommand(id), 'application/x-www-form-urlencoded', { agent })),
    );
    await Promise.all(ids.map((id) => fake.responses.waitFor((r) => r.id === id, 'the answer')));
    const started = performance.now();
    await slack.stop();
    // Node ends idle keep-alive connections itself after 5 s (keepAliveTimeout): a stop that
    // waited for them would take that long. Anything well below it means they were closed.
    expect(performance.now() - started).toBeLessThan(4000);
    agent.destroy();
  });
});

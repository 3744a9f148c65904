import { connect, type Socket } from 'node:net';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { BUSY_TEXT } from '../../../adapters/slack/notices.js';
import { slackPlatform } from '../../../adapters/slack/platform.js';
import { createSlackAdapter, type SlackAdapterOptions } from '../../../adapters/slack/slack-adapter.js';
import { type Bot, createBot } from '../../../src/bot/bot.js';
import { readConfig } from '../../../src/config.js';
import { loadPacks } from '../../../src/knowledge/load-packs.js';
import { createHealth } from '../../../src/runtime/health.js';
import { memoryLogger } from '../../runtime/support/temp-knowledge.js';
import { until } from '../../support/until.js';
import { textOf } from './support/blocks.js';
import { BOT_TOKEN, BOT_USER, type FakeSlack, startFakeSlack } from './support/fake-slack.js';
import { appMention, envelope, slashCommand, ts, uid } from './support/payloads.js';
import { NO_LAG_SHEDDING } from './support/settings.js';
import { postCommand, postEvent, postSigned, SIGNING_SECRET } from './support/signed-request.js';

/**
 * Issue 11 in HTTP mode, with the real Bolt over real HTTP on 127.0.0.1: load shedding, the
 * connection cap, timeouts that hold, request timestamps, the replay window, an answer when the
 * core fails, and a stop that closes what carries no acknowledged work and answers what does.
 * Each test starts an adapter of its own, with the limits it needs.
 */
const bot: Bot = createBot(loadPacks('knowledge'));
let fake: FakeSlack;
const running: Array<{ stop(): Promise<void> }> = [];
const sockets: Socket[] = [];

beforeAll(async () => {
  fake = await startFakeSlack();
});
afterEach(async () => {
  for (const socket of sockets.splice(0)) socket.destroy();
  await Promise.all(running.splice(0).map((a) => a.stop()));
});
afterAll(async () => {
  await fake?.close();
});

async function startAdapter(
  overrides: Partial<SlackAdapterOptions> = {},
  env: Record<string, string> = {},
  botOverride: Bot = bot,
) {
  const log = memoryLogger('info');
  const health = createHealth();
  const adapter = createSlackAdapter({
    bot: botOverride,
    config: readConfig(
      { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, ...NO_LAG_SHEDDING, ...env },
      [slackPlatform],
    ),
    logger: log.logger,
    clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
    listen: { port: 0, host: '127.0.0.1' },
    httpRoutes: health.routes,
    ...overrides,
  });
  await adapter.start();
  running.push(adapter);
  const port = adapter.address()?.port ?? 0;
  return {
    adapter,
    log,
    port,
    url: `http://127.0.0.1:${port}/slack/events`,
    base: `http://127.0.0.1:${port}`,
  };
}

const command = (id: string, text = 'who is Krasikov?', triggerId?: string) =>
  slashCommand({
    text,
    responseUrl: fake.responseUrl(id),
    user: uid('U'),
    ...(triggerId ? { triggerId } : {}),
  });
const answersTo = (id: string) => fake.responses.filter((r) => r.id === id);

/** A raw TCP connection to the adapter, for what an HTTP client will not do (stall half-way). */
function rawSocket(port: number): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => resolve(socket));
    socket.on('error', reject);
    // Flowing, so that the server's FIN is read and 'close' follows (data goes to `getOn`'s listener).
    socket.resume();
    sockets.push(socket);
  });
}
const closed = (socket: Socket) =>
  new Promise<void>((resolve) => {
    if (socket.destroyed) resolve();
    else socket.once('close', () => resolve());
  });

/** A keep-alive GET on a raw socket; resolves with the status once the whole response is read. */
function getOn(socket: Socket, path: string): Promise<number> {
  return new Promise((resolve) => {
    let text = '';
    const onData = (chunk: Buffer) => {
      text += chunk.toString('latin1');
      const head = text.indexOf('\r\n\r\n');
      const length = /content-length: (\d+)/i.exec(text);
      if (head >= 0 && length && text.length >= head + 4 + Number(length[1])) {
        socket.off('data', onData);
        resolve(Number(text.slice(9, 12)));
      }
    };
    socket.on('data', onData);
    socket.write(`GET ${path} HTTP/1.1\r\nHost: x\r\nConnection: keep-alive\r\n\r\n`);
  });
}

describe('request timestamps', () => {
  it.each([
    ['ten minutes in the future', 10 * 60],
    ['a day in the future', 24 * 60 * 60],
    ['six minutes in the past', -6 * 60],
  ])('refuses a correctly signed request stamped %s with 401, and answers nothing', async (_name, offset) => {
    const { url, log } = await startAdapter();
    const id = uid('stamp');
    const sent = await postCommand(url, command(id), { timestamp: Math.floor(Date.now() / 1000) + offset });
    expect(sent.status).toBe(401);
    expect(log.lines.find((l) => l.msg === 'request refused')?.reason).toBe(
      'timestamp more than five minutes away',
    );
    const good = uid('good');
    await postCommand(url, command(good));
    await fake.responses.waitFor((r) => r.id === good, 'the good answer');
    expect(answersTo(id)).toEqual([]);
  });

  it.each([
    ['four minutes in the future', 4 * 60],
    ['four minutes in the past', -4 * 60],
  ])('answers one stamped %s', async (_name, offset) => {
    const { url } = await startAdapter();
    const id = uid('stamp');
    const sent = await postCommand(url, command(id), { timestamp: Math.floor(Date.now() / 1000) + offset });
    expect(sent.status).toBe(200);
    await fake.responses.waitFor((r) => r.id === id, 'the answer');
  });
});

describe('the replay window', () => {
  it('holds every signature; when full it sheds new requests and still catches a replay', async () => {
    const { url, log } = await startAdapter({ replays: { maxSize: 3 } });
    const ids = [uid('r'), uid('r'), uid('r')];
    const bodies = ids.map((id) => new URLSearchParams(command(id)).toString());
    const signing = { timestamp: Math.floor(Date.now() / 1000) };
    const FORM = 'application/x-www-form-urlencoded';
    for (const body of bodies) expect((await postSigned(url, body, FORM, { signing })).status).toBe(200);
    await Promise.all(ids.map((id) => fake.responses.waitFor((r) => r.id === id, id)));

    // A fourth command cannot be recorded without forgetting one: it is refused, visibly.
    const fourth = uid('r');
    const refused = await postCommand(url, command(fourth));
    expect(refused.status).toBe(200);
    expect(JSON.parse(refused.body)).toEqual({ response_type: 'ephemeral', text: BUSY_TEXT });
    expect(log.lines.find((l) => l.msg === 'shedding load: requests refused')?.reason).toBe(
      'replay window full',
    );

    // The first signature was not flushed: its replay is acknowledged and not answered again.
    const replay = await postSigned(url, bodies[0] ?? '', FORM, { signing });
    expect(replay.status).toBe(200);
    expect(replay.body).toBe('');
    expect(log.lines.filter((l) => l.msg === 'replayed request ignored')).toHaveLength(1);
    expect(answersTo(ids[0] ?? '')).toHaveLength(1);
    expect(answersTo(fourth)).toEqual([]);
  });
});

describe('load shedding', () => {
  it('past SLACK_MAX_PENDING, acknowledges a command with a busy reply and answers an event 503; counted, logged, and lifted once answers go out', async () => {
    const { url, log, adapter } = await startAdapter({}, { SLACK_MAX_PENDING: '1' });
    const first = uid('held');
    const release = fake.hold(first);
    expect((await postCommand(url, command(first))).status).toBe(200);
    await fake.responses.waitFor((r) => r.id === first, 'the held answer on its way');

    const busy = uid('busy');
    const shedCommand = await postCommand(url, command(busy));
    expect(shedCommand.status).toBe(200);
    expect(JSON.parse(shedCommand.body)).toEqual({ response_type: 'ephemeral', text: BUSY_TEXT });
    const channel = uid('C');
    const shedEvent = await postEvent(
      url,
      envelope(appMention({ text: `<@${BOT_USER}> hi`, channel, ts: ts() })),
    );
    expect(shedEvent.status).toBe(503);
    expect(adapter.shed).toBe(2);
    expect(log.lines.filter((l) => l.msg === 'shedding load: requests refused').length).toBeGreaterThan(0);

    release();
    // Once the held answer is delivered, work is admitted again (wait for its log line).
    await until(() => log.lines.some((l) => l.msg === 'answered'), 'the held answer to be logged');
    const after = uid('after');
    const sent = await postCommand(url, command(after));
    expect(sent.body).toBe('');
    await fake.responses.waitFor((r) => r.id === after, 'the answer after the load passed');
    expect(answersTo(busy)).toEqual([]);
  });
});

describe('requests that waited in front of a busy process', () => {
  it('are refused when stamped over 2.5 s ago and the process is busy, and answered when it is not', async () => {
    const { url, log, adapter } = await startAdapter({}, { SLACK_STALE_AFTER_MS: '2500' });
    const FORM = 'application/x-www-form-urlencoded';
    const stale = uid('stale');
    const signing = { timestamp: Math.floor(Date.now() / 1000) - 4 };
    // Sent, then the process works without a break (as under a queue of requests): by the time
    // the request is read it has waited, and the event loop has had no idle time.
    const sending = postSigned(url, new URLSearchParams(command(stale)).toString(), FORM, { signing });
    const busyUntil = performance.now() + 500;
    while (performance.now() < busyUntil) {
      // busy
    }
    const refused = await sending;
    expect(JSON.parse(refused.body)).toEqual({ response_type: 'ephemeral', text: BUSY_TEXT });
    expect(log.lines.find((l) => l.msg === 'shedding load: requests refused')?.reason).toBe(
      'waited too long',
    );

    // Idle again: the same kind of request is answered.
    await until(() => !adapter.busy, 'the process to be idle again');
    const answered = uid('stale');
    const sent = await postSigned(url, new URLSearchParams(command(answered)).toString(), FORM, { signing });
    expect(sent.body).toBe('');
    await fake.responses.waitFor((r) => r.id === answered, 'the answer');
    expect(answersTo(stale)).toEqual([]);
  });
});

describe('when the core fails', () => {
  const failing: Bot = { ...bot, ask: () => Promise.reject(new Error('state store unreachable')) };

  it('still answers an acknowledged command, with an apology, and logs why', async () => {
    const { url, log } = await startAdapter({}, {}, failing);
    const id = uid('fail');
    await postCommand(url, command(id));
    const { body } = await fake.responses.waitFor((r) => r.id === id, 'the apology');
    expect(textOf(body.blocks)).toMatch(/something went wrong/);
    const logged = log.lines.find((l) => l.msg === 'the core failed to answer; apologised');
    expect(logged?.err).toBe('state store unreachable');
  });

  it('still answers a mention, in its thread', async () => {
    const { url } = await startAdapter({}, {}, failing);
    const channel = uid('C');
    await postEvent(
      url,
      envelope(appMention({ text: `<@${BOT_USER}> who is Krasikov?`, channel, ts: ts() })),
    );
    const reply = await fake.calls.waitFor(
      (c) => c.method === 'chat.postMessage' && c.params.channel === channel,
      'the apology in the thread',
    );
    expect(textOf(reply.blocks)).toMatch(/something went wrong/);
  });
});

describe('delivering answers', () => {
  it('posts an answer again when response_url fails once on Slack’s side (503), and logs no failure', async () => {
    const { url, log } = await startAdapter();
    const id = uid('flaky');
    await postCommand(url, command(id));
    await fake.responses.waitFor((r) => r.id === id && answersTo(id).length === 2, 'the second attempt');
    expect(answersTo(id)).toHaveLength(2);
    await until(() => log.lines.some((l) => l.msg === 'answered'), 'the answer to be logged');
    expect(log.lines.filter((l) => Number(l.level) >= 50)).toEqual([]);
  });

  it('does not post again to a response_url that refused for good (404)', async () => {
    const { url, log } = await startAdapter();
    const id = uid('expired');
    await postCommand(url, command(id));
    await until(() => log.lines.some((l) => l.msg === 'slack listener failed'), 'the failure to be logged');
    expect(answersTo(id)).toHaveLength(1);
  });
});

describe('connections', () => {
  it('serves SLACK_MAX_CONNECTIONS at once; one more gets a 503 and is closed, though health checks are served', async () => {
    const { port, url } = await startAdapter({}, { SLACK_MAX_CONNECTIONS: '2' });
    const held = [await rawSocket(port), await rawSocket(port)];
    // Each has been served once, so the server counts both.
    for (const socket of held) expect(await getOn(socket, '/healthz')).toBe(200);

    const over = await postCommand(url, command(uid('over')));
    expect(over.status).toBe(503);
    const probe = await rawSocket(port);
    expect(await getOn(probe, '/healthz')).toBe(200);
    await closed(probe); // served, then closed
  });

  it.each([
    ['headers that stop half-way', 'POST /slack/events HTTP/1.1\r\nHost: x\r\n'],
    [
      'a body that stops half-way',
      'POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123456789',
    ],
    ['nothing at all', ''],
  ])('cuts a connection that sends %s at SLACK_REQUEST_TIMEOUT_MS, not 30 s later', async (_name, sent) => {
    const { port } = await startAdapter({}, { SLACK_REQUEST_TIMEOUT_MS: '500' });
    const socket = await rawSocket(port);
    const started = performance.now();
    if (sent) socket.write(sent);
    await closed(socket);
    const elapsed = performance.now() - started;
    expect(elapsed).toBeGreaterThanOrEqual(450);
    // Node alone checks every 30 s (and never cuts half-sent headers); a generous bound for a busy machine.
    expect(elapsed).toBeLessThan(5000);
  });
});

describe('stopping', () => {
  it('closes idle and half-sent connections at once, answers the acknowledged command, then resolves', async () => {
    const { port, url, adapter } = await startAdapter();
    const id = uid('inflight');
    const release = fake.hold(id);
    expect((await postCommand(url, command(id))).status).toBe(200);
    await fake.responses.waitFor((r) => r.id === id, 'the answer on its way');

    const idle = await rawSocket(port);
    const halfHeaders = await rawSocket(port);
    halfHeaders.write('POST /slack/events HTTP/1.1\r\nHost: x\r\n');
    const halfBody = await rawSocket(port);
    halfBody.write('POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n0123456789');
    const keepAlive = await rawSocket(port);
    expect(await getOn(keepAlive, '/healthz')).toBe(200);

    let stopped = false;
    const stopping = adapter.stop().then(() => {
      stopped = true;
    });
    // None of them carries an acknowledged request: they go while the answer is still held.
    await Promise.all([idle, halfHeaders, halfBody, keepAlive].map(closed));
    expect(stopped).toBe(false);
    release();
    await stopping;
    expect(answersTo(id)).toHaveLength(1);
  });

  it('logs each acknowledged request it could not answer, by id, at error level, when the shutdown gives up', async () => {
    const { url, adapter, log } = await startAdapter();
    const ids = [uid('lost'), uid('lost')];
    const releases = ids.map((id) => fake.hold(id));
    for (const id of ids) await postCommand(url, command(id, 'who is Krasikov?', `trigger-${id}`));
    await Promise.all(ids.map((id) => fake.responses.waitFor((r) => r.id === id, 'the answer on its way')));
    const giveUp = new AbortController();
    const stopping = adapter.stop(giveUp.signal);
    await until(() => log.lines.some((l) => l.msg === 'finishing replies'), 'the stop to wait for replies');
    giveUp.abort();
    await stopping;
    const lost = log.lines.filter((l) => l.msg === 'acknowledged request not answered before shutdown');
    expect(lost.map((l) => l.requestId).sort()).toEqual(ids.map((id) => `trigger-${id}`).sort());
    expect(lost.every((l) => l.level === 50 && l.kind === 'command')).toBe(true);
    for (const release of releases) release();
  });
});

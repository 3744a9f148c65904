import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { type WebSocket, WebSocketServer } from 'ws';
import { escapeMrkdwn } from '../../../adapters/slack/escape.js';
import { slackPlatform } from '../../../adapters/slack/platform.js';
import { createSlackAdapter, type SlackAdapter } from '../../../adapters/slack/slack-adapter.js';
import { createBot } from '../../../src/bot/bot.js';
import { readConfig } from '../../../src/config.js';
import { loadPacks } from '../../../src/knowledge/load-packs.js';
import { createLogger } from '../../../src/log.js';
import { textOf } from './support/blocks.js';
import { BOT_TOKEN, BOT_USER, type FakeSlack, startFakeSlack } from './support/fake-slack.js';
import { appMention, envelope, slashCommand, ts, uid } from './support/payloads.js';
import { handled, Recorder } from './support/recorder.js';

const bot = createBot(loadPacks('knowledge'));
const APP_TOKEN = 'xapp-test-token';

let fake: FakeSlack | undefined;
let wss: WebSocketServer | undefined;
let adapter: SlackAdapter | undefined;

afterEach(async () => {
  await adapter?.stop();
  for (const client of wss?.clients ?? []) client.terminate();
  await new Promise<void>((resolve) => (wss ? wss.close(() => resolve()) : resolve()));
  await fake?.close();
  adapter = undefined;
  wss = undefined;
  fake = undefined;
});

/**
 * Socket Mode against a local fake: `apps.connections.open` (called with the app token) hands
 * out a ws:// url, the server says hello, then pushes envelopes; the client must ack each
 * envelope_id over the socket, and answers go out through the Web API or response_url as usual.
 */
async function connect(): Promise<{
  socket: WebSocket;
  frames: Recorder<Record<string, unknown>>;
  slack: FakeSlack;
}> {
  const slack = await startFakeSlack();
  fake = slack;
  const server = new WebSocketServer({ port: 0, host: '127.0.0.1' });
  wss = server;
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  slack.socketUrl = `ws://127.0.0.1:${(server.address() as AddressInfo).port}/`;
  const frames = new Recorder<Record<string, unknown>>();
  const connected = new Promise<WebSocket>((resolve) => {
    server.once('connection', (socket) => {
      socket.on('message', (data) => frames.push(JSON.parse(String(data)) as Record<string, unknown>));
      socket.send(
        JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: 'A0APP' } }),
      );
      resolve(socket);
    });
  });
  adapter = createSlackAdapter({
    bot,
    config: readConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_APP_TOKEN: APP_TOKEN }, [slackPlatform]),
    logger: createLogger('silent'),
    clientOptions: { slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } },
  });
  await adapter.start();
  const opened = slack.calls.filter((c) => c.method === 'apps.connections.open');
  expect(opened.map((c) => c.authorization)).toEqual([`Bearer ${APP_TOKEN}`]);
  expect(adapter.address()).toBeUndefined();
  return { socket: await connected, frames, slack };
}

describe('Socket Mode', () => {
  it('acks a slash command envelope and answers through its response_url', async () => {
    const { socket, frames, slack } = await connect();
    const question = 'who is Krasikov?';
    const expected = await bot.ask({ text: question, user: 'U', conversation: 'c', platform: 'slack' });
    if (expected.kind !== 'answer') throw new Error('the knowledge no longer answers the question');
    const envelopeId = uid('env');
    const id = uid('sock');
    socket.send(
      JSON.stringify({
        envelope_id: envelopeId,
        type: 'slash_commands',
        payload: slashCommand({ text: question, responseUrl: slack.responseUrl(id) }),
        accepts_response_payload: true,
      }),
    );
    await frames.waitFor((f) => f.envelope_id === envelopeId, 'the ack');
    const { body } = await slack.responses.waitFor((r) => r.id === id, 'the answer');
    expect(body.response_type).toBe('ephemeral');
    expect(textOf(body.blocks)).toContain(escapeMrkdwn(expected.text));
  });

  it('acks an events_api envelope and answers the mention in its thread, once per event_id', async () => {
    const { socket, frames, slack } = await connect();
    const channel = uid('C');
    const root = ts();
    const event = envelope(appMention({ text: `<@${BOT_USER}> who is Krasikov?`, channel, ts: root }));
    const send = (envelopeId: string, retry: number, payload = event) =>
      socket.send(
        JSON.stringify({
          envelope_id: envelopeId,
          type: 'events_api',
          payload,
          accepts_response_payload: false,
          retry_attempt: retry,
          retry_reason: retry ? 'timeout' : '',
        }),
      );
    send('env-1', 0);
    await frames.waitFor((f) => f.envelope_id === 'env-1', 'the ack');
    const reply = await slack.calls.waitFor((c) => c.method === 'chat.postMessage', 'the reply');
    expect(reply.params.channel).toBe(channel);
    expect(reply.params.thread_ts).toBe(root);
    send('env-2', 1);
    await frames.waitFor((f) => f.envelope_id === 'env-2', 'the retry ack');
    // A later event, answered, and nothing left in flight: had the retry been answered, it
    // would have been by now.
    const later = uid('C');
    send(
      'env-3',
      0,
      envelope(appMention({ text: `<@${BOT_USER}> who is Krasikov?`, channel: later, ts: ts() })),
    );
    await slack.calls.waitFor(
      (c) => c.method === 'chat.postMessage' && c.params.channel === later,
      'the later reply',
    );
    await handled(adapter as SlackAdapter);
    expect(
      slack.calls.filter((c) => c.method === 'chat.postMessage' && c.params.channel === channel),
    ).toHaveLength(1);
  });
});

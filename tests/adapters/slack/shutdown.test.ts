import { Agent } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSlackAdapter } from '../../../adapters/slack/slack-adapter.js';
import { createBot } from '../../../src/bot/bot.js';
import { readConfig } from '../../../src/config.js';
import { loadPacks } from '../../../src/knowledge/load-packs.js';
import { createLogger } from '../../../src/log.js';
import { BOT_TOKEN, type FakeSlack, startFakeSlack } from './support/fake-slack.js';
import { slashCommand, uid } from './support/payloads.js';
import { settle } from './support/recorder.js';
import { postSigned, SIGNING_SECRET } from './support/signed-request.js';

const bot = createBot(loadPacks('knowledge'));
let fake: FakeSlack;

beforeAll(async () => {
  fake = await startFakeSlack();
});
afterAll(async () => {
  await fake?.close();
});

function adapter() {
  return createSlackAdapter({
    bot,
    config: readConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET }),
    logger: createLogger('silent'),
    clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
    listen: { port: 0, host: '127.0.0.1' },
  });
}

const command = (id: string) =>
  new URLSearchParams(
    slashCommand({ text: 'who is Krasikov?', responseUrl: fake.responseUrl(id) }),
  ).toString();

describe('stopping the Slack adapter', () => {
  it('stops taking requests at once, and finishes the answers in flight before it resolves', async () => {
    const slack = adapter();
    await slack.start();
    const url = `http://127.0.0.1:${slack.address()?.port}/slack/events`;
    const id = uid('inflight');
    const release = fake.hold(id);
    expect((await postSigned(url, command(id), 'application/x-www-form-urlencoded')).status).toBe(200);
    await fake.responses.waitFor((r) => r.id === id, 'the answer on its way');
    expect(slack.inFlight).toBe(1);

    let stopped = false;
    const stopping = slack.stop().then(() => {
      stopped = true;
    });
    await settle(100);
    expect(stopped).toBe(false);
    // No new work: the port is closed while the last answer is still being delivered.
    await expect(postSigned(url, command(uid('late')), 'application/x-www-form-urlencoded')).rejects.toThrow(
      /ECONNREFUSED/,
    );
    release();
    await stopping;
    expect(slack.inFlight).toBe(0);
  });

  it('is not held up by idle keep-alive connections', async () => {
    const slack = adapter();
    await slack.start();
    const url = `http://127.0.0.1:${slack.address()?.port}/slack/events`;
    const agent = new Agent({ keepAlive: true });
    const ids = [uid('ka'), uid('ka')];
    await Promise.all(
      ids.map((id) => postSigned(url, command(id), 'application/x-www-form-urlencoded', { agent })),
    );
    await Promise.all(ids.map((id) => fake.responses.waitFor((r) => r.id === id, 'the answer')));
    const started = performance.now();
    await slack.stop();
    expect(performance.now() - started).toBeLessThan(1000);
    agent.destroy();
  });
});

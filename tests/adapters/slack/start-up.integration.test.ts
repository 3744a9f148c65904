import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { slackPlatform } from '../../../adapters/slack/platform.js';
import { createSlackAdapter } from '../../../adapters/slack/slack-adapter.js';
import { startChildApp } from '../../../scripts/lib/child-app.js';
import { createBot } from '../../../src/bot/bot.js';
import { readConfig } from '../../../src/config.js';
import { PlatformUnreachableError } from '../../../src/errors.js';
import { loadPacks } from '../../../src/knowledge/load-packs.js';
import { memoryLogger } from '../../runtime/support/temp-knowledge.js';
import { track } from '../../support/children.js';
import { BOT_TOKEN, type FakeSlack, startFakeSlack } from './support/fake-slack.js';
import { SIGNING_SECRET } from './support/signed-request.js';

/**
 * Start-up when Slack's Web API cannot be reached: one warning that it is retrying, then, once
 * the start-up wait has run out, a failure naming the URL and the reason; never Bolt's half hour
 * of "fetch failed". Against a closed local port and a server that never answers.
 */
const bot = createBot(loadPacks('knowledge'));
let closedUrl: string;
let silent: Server;
let silentUrl: string;
let fake: FakeSlack;

/** A port nothing listens on: taken, then given back. */
async function closedPort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

beforeAll(async () => {
  closedUrl = `http://127.0.0.1:${await closedPort()}/api/`;
  // Accepts every request and never answers it.
  silent = createServer(() => {}).listen(0, '127.0.0.1');
  await new Promise((resolve) => silent.once('listening', resolve));
  silentUrl = `http://127.0.0.1:${(silent.address() as AddressInfo).port}/api/`;
  fake = await startFakeSlack();
});
afterAll(async () => {
  silent?.closeAllConnections();
  await new Promise((resolve) => silent?.close(resolve));
  await fake?.close();
});

const adapterFor = (slackApiUrl: string, startupWaitMs: number) => {
  const log = memoryLogger('info');
  const adapter = createSlackAdapter({
    bot,
    config: readConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET }, [slackPlatform]),
    logger: log.logger,
    clientOptions: { slackApiUrl },
    listen: { port: 0, host: '127.0.0.1' },
    startupWaitMs,
  });
  return { adapter, log };
};

describe('Slack start-up', () => {
  it.each([
    ['refuses connections', () => closedUrl, /ECONNREFUSED/],
    ['never answers', () => silentUrl, /abort|timeout|timed out/i],
  ])(
    'fails once the wait runs out when the Web API %s, saying so once while it retries',
    async (_, url, reason) => {
      const { adapter, log } = adapterFor(url(), 1500);
      const startedAt = performance.now();
      const failed = await adapter.start().then(
        () => undefined,
        (error: unknown) => error,
      );
      const tookMs = performance.now() - startedAt;
      expect(failed).toBeInstanceOf(PlatformUnreachableError);
      const message = (failed as Error).message;
      expect(message).toMatch(
        new RegExp(`^slack: the Web API at ${url().replaceAll('.', '\\.')} did not answer in 2 s \\(`),
      );
      expect(message).toMatch(reason);
      expect(message).toContain('SLACK_API_URL');
      // Bounded: the wait, and at most one request's timeout more (a busy machine adds a little).
      expect(tookMs).toBeGreaterThanOrEqual(1400);
      expect(tookMs).toBeLessThan(12_000);
      const warnings = log.lines.filter((l) => Number(l.level) >= 40);
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatchObject({
        msg: 'Slack Web API unreachable; retrying until the start-up wait runs out',
      });
      expect(JSON.stringify(log.lines)).not.toContain('fetch failed"'); // Bolt's own retry warnings
      await adapter.stop();
    },
    30_000,
  );

  it('starts at once when the Web API answers', async () => {
    const { adapter, log } = adapterFor(fake.apiUrl, 1500);
    await adapter.start();
    expect(log.lines.filter((l) => Number(l.level) >= 40)).toEqual([]);
    expect(log.lines.some((l) => l.msg === 'slack adapter started')).toBe(true);
    await adapter.stop();
  }, 30_000);

  it('as a process: exits 1 with one plain line after SLACK_STARTUP_WAIT_MS', async () => {
    const app = startChildApp({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: closedUrl,
      SLACK_STARTUP_WAIT_MS: '2000',
      PORT: '0',
      KNOWLEDGE_WATCH: 'false',
    });
    track(app.child);
    try {
      expect(await app.exited).toBe(1);
      const plain = app.logs.filter((line) => !line.startsWith('{'));
      expect(plain).toHaveLength(1);
      expect(plain[0]).toMatch(
        /^factdesk: slack: the Web API at http:\/\/127\.0\.0\.1:\d+\/api\/ did not answer in 2 s \(.*ECONNREFUSED/,
      );
      expect(app.output).toEqual([]);
    } finally {
      await app.stop('SIGKILL', 1000);
    }
  }, 60_000);
});

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ChildApp, startChildApp } from '../../scripts/lib/child-app.js';
import { BOT_TOKEN, type FakeSlack, startFakeSlack } from '../adapters/slack/support/fake-slack.js';
import { slashCommand, uid } from '../adapters/slack/support/payloads.js';
import { NO_LAG_SHEDDING } from '../adapters/slack/support/settings.js';
import { postCommand, SIGNING_SECRET } from '../adapters/slack/support/signed-request.js';
import { track } from '../support/children.js';

/**
 * The real entry point, `bin/start.ts`, as a process: what only a process can show (exit codes,
 * signals, `.env`, what reaches stderr). Each test starts one Factdesk (about a second of CPU),
 * so they run side by side and stay few.
 */
const KNOWLEDGE = resolve('knowledge');
/** Started and tracked, so that tests/support/integration-setup.ts kills it whatever happens. */
const start = (...args: Parameters<typeof startChildApp>): ChildApp => {
  const app = startChildApp(...args);
  track(app.child);
  return app;
};
let fake: FakeSlack;
let cwd: string;

beforeAll(async () => {
  fake = await startFakeSlack();
  cwd = mkdtempSync(join(tmpdir(), 'factdesk-start-'));
});
afterAll(async () => {
  await fake?.close();
  rmSync(cwd, { recursive: true, force: true });
});

describe.concurrent('bin/start.ts', { timeout: 60_000 }, () => {
  it('exits 1 on a bad setting, naming it without printing its value', async () => {
    const secret = 'xoxq-this-is-not-a-bot-token-7f3a9';
    const app = start({ SLACK_BOT_TOKEN: secret, SLACK_SIGNING_SECRET: 's' }, { cwd });
    expect(await app.exited).toBe(1);
    const stderr = app.logs.join('\n');
    expect(stderr).toContain('SLACK_BOT_TOKEN: must start with xoxb-');
    expect(stderr).not.toContain(secret);
    expect(app.output).toEqual([]);
  });

  it('reads .env (the environment winning); in Slack HTTP mode is ready, and on SIGTERM finishes the answer in flight, then exits 0', async () => {
    const dir = mkdtempSync(join(cwd, 'dotenv-'));
    writeFileSync(
      join(dir, '.env'),
      `# settings for this test\nKNOWLEDGE_DIR=${KNOWLEDGE}\nMAX_QUESTION_LENGTH=12\nLOG_LEVEL=debug\n`,
    );
    const app = start(
      {
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        ...NO_LAG_SHEDDING,
        SLACK_API_URL: fake.apiUrl,
        PORT: '0',
        LOG_LEVEL: 'info',
      },
      { cwd: dir },
    );
    try {
      const started = await app.waitForLog((e) => e.msg === 'slack adapter started');
      const base = `http://127.0.0.1:${String(started.port)}`;
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ ready: true, platforms: { slack: 'connected' } });

      // MAX_QUESTION_LENGTH came from .env: the answer, held on its way, is the refusal.
      const id = uid('sigterm');
      const release = fake.hold(id);
      const sent = await postCommand(
        `${base}/slack/events`,
        slashCommand({ text: 'who is Krasikov?', responseUrl: fake.responseUrl(id) }),
      );
      expect(sent.status).toBe(200);
      const { body } = await fake.responses.waitFor((r) => r.id === id, 'the answer on its way');
      expect(JSON.stringify(body)).toContain('too long for me (over 12 characters)');
      app.child.kill('SIGTERM');
      await app.waitForLog((e) => e.msg === 'finishing replies');
      release();
      expect(await app.exited).toBe(0);
      const stopped = await app.waitForLog((e) => e.msg === 'stopped');
      expect(stopped.code).toBe(0);
      // Logs: JSON on stderr at the level from the environment (info), not the one in .env (debug).
      const logs = app.logs.map((line) => JSON.parse(line) as Record<string, unknown>);
      // The answer was delivered (its line is logged after the delivery) between the drain and
      // the exit: a process that had not waited would have exited with the answer held. Compared
      // by the time each line was logged, as lines written in the same millisecond can reach
      // stderr out of order.
      const when = (match: (l: Record<string, unknown>) => boolean) => Number(logs.find(match)?.time);
      const finishing = when((l) => l.msg === 'finishing replies');
      const answered = when((l) => l.msg === 'answered' && l.source === 'command');
      expect(answered).toBeGreaterThanOrEqual(finishing);
      expect(when((l) => l.msg === 'stopped')).toBeGreaterThanOrEqual(answered);
      expect(logs.some((l) => l.msg === 'knowledge loaded')).toBe(true);
      expect(logs.every((l) => Number(l.level) >= 30)).toBe(true);
      expect(app.output).toEqual([]);
      const all = app.logs.join('\n');
      expect(all).not.toContain(BOT_TOKEN);
      expect(all).not.toContain(SIGNING_SECRET);
    } finally {
      await app.stop('SIGKILL', 1000);
    }
  });
});

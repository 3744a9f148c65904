import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startChildApp } from '../../scripts/lib/child-app.js';
import { openLoop, slackHttpEnv, tally } from '../../scripts/lib/slack-load.js';
import { type FakeSlack, startFakeSlack } from '../adapters/slack/support/fake-slack.js';
import { NO_LAG_SHEDDING } from '../adapters/slack/support/settings.js';
import { track } from '../support/children.js';

/**
 * A deploy during traffic, on the real entry point: SIGTERM while signed commands keep arriving,
 * with one idle TCP connection and one half-sent request held open (a load balancer's keep-alive,
 * a slow client). The process must exit 0, and every command it acknowledged must be answered.
 * `npm run load` runs this ten times, at a steady rate, and reports it.
 */
let fake: FakeSlack;
/** The exchange log stays on, as in production, in a directory of the test's own. */
let dataDir: string;
beforeAll(async () => {
  fake = await startFakeSlack();
  dataDir = mkdtempSync(join(tmpdir(), 'factdesk-sigterm-'));
});
afterAll(async () => {
  await fake?.close();
  if (dataDir) rmSync(dataDir, { recursive: true, force: true });
});

describe('SIGTERM under load', { timeout: 120_000 }, () => {
  it('exits 0, closes the idle and the half-sent connection, and answers every acknowledged command', async () => {
    const app = startChildApp(slackHttpEnv(fake, { ...NO_LAG_SHEDDING, DATA_DIR: dataDir }));
    // Killed by tests/support/integration-setup.ts whatever happens to this test.
    track(app.child);
    const held: Socket[] = [];
    try {
      const started = await app.waitForLog((e) => e.msg === 'slack adapter started', 60_000);
      const port = Number(started.port);
      const open = () =>
        new Promise<Socket>((resolve, reject) => {
          const socket = connect(port, '127.0.0.1', () => resolve(socket));
          socket.once('error', reject);
          socket.on('error', () => {});
          socket.resume();
          held.push(socket);
        });
      const idle = await open();
      const half = await open();
      half.write(
        'POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{"type":',
      );
      const closedBeforeExit = Promise.all(
        [idle, half].map(
          (socket) =>
            new Promise<boolean>((resolve) => {
              socket.once('close', () => resolve(app.child.exitCode === null));
            }),
        ),
      );

      const count = 300;
      const sent = await openLoop({
        base: `http://127.0.0.1:${port}`,
        fake,
        rate: 100,
        count,
        firstIndex: 900_000,
        questions: [
          'who is Krasikov?',
          'where did the exchange happen',
          'help',
          'what is the weather on Mars',
        ],
        users: 1000,
        connections: 50,
        onDue: (i) => {
          if (i === count / 2) app.child.kill('SIGTERM');
        },
      });
      expect(await app.exited).toBe(0);
      // Both held connections were closed by the server while it was still running.
      expect(await closedBeforeExit).toEqual([true, true]);
      const outcome = tally(sent, fake);
      expect(outcome.acknowledged).toBeGreaterThan(0);
      expect(outcome.lost).toBe(0);
      expect(outcome.twice).toBe(0);
      expect(app.logs.filter((line) => /"level":(50|60)/.test(line))).toEqual([]);
    } finally {
      for (const socket of held) socket.destroy();
      await app.stop('SIGKILL', 1000);
    }
  });
});

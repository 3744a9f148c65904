import type { ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { spawnTracked } from '../../support/children.js';
import { type FakeDiscord, startFakeDiscord } from './fake-discord.js';
import { crashingFrames } from './frames.js';
import { askCommand, malformedCommand } from './payloads.js';

/**
 * Malformed gateway input, in real processes, where Node's default handling of an unhandled
 * rejection (exit) applies as in production; vitest would intercept it in-process. An unguarded
 * discord.js client dies of each (this proves the guards are needed, and will fail once
 * discord.js fixes the bug); the adapter's process lives on and answers the next interaction.
 */

const fixture = fileURLToPath(new URL('./fixtures/gateway-process.ts', import.meta.url));

interface Probe {
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<number | null>;
}

async function startProbe(mode: 'adapter' | 'bare', fake: FakeDiscord): Promise<Probe> {
  const child = spawnTracked(process.execPath, ['--import', 'tsx', fixture], {
    env: { ...process.env, PROBE_MODE: mode, PROBE_API: fake.api },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const exited = once(child, 'exit').then(([code]) => code as number | null);
  await new Promise<void>((resolve, reject) => {
    child.stdout?.on('data', (chunk: Buffer) => {
      if (chunk.toString('utf8').includes('ready')) resolve();
    });
    exited.then((code) => reject(new Error(`probe exited (${code}) before ready: ${stderr}`)));
  });
  return { child, stderr: () => stderr, exited };
}

/** A fake Discord for one test, closed when the test ends: the tests run side by side. */
async function withFake(test: (fake: FakeDiscord) => Promise<void>): Promise<void> {
  const fake = await startFakeDiscord();
  try {
    await test(fake);
  } finally {
    await fake.close();
  }
}

// Side by side: each test is a Node process starting discord.js, mostly waiting on its own start.
describe.concurrent('malformed gateway input, in a real process', () => {
  it('a malformed INTERACTION_CREATE kills a bare discord.js client process', () =>
    withFake(async (fake) => {
      const probe = await startProbe('bare', fake);
      fake.dispatch('INTERACTION_CREATE', malformedCommand('Who is Vedim Krasikov?').payload);

      expect(await probe.exited).not.toBe(0);
      expect(probe.stderr()).toContain('TypeError');
    }));

  it.each(crashingFrames)('%s kills a bare discord.js client process', (_name, frame) =>
    withFake(async (fake) => {
      const probe = await startProbe('bare', fake);
      fake.sendRaw(JSON.stringify(frame));

      expect(await probe.exited).not.toBe(0);
    }),
  );

  it('does not kill the adapter process, which answers the next interaction', () =>
    withFake(async (fake) => {
      const probe = await startProbe('adapter', fake);
      fake.dispatch('INTERACTION_CREATE', malformedCommand('Who is Vedim Krasikov?').payload);
      for (const [, frame] of crashingFrames) fake.sendRaw(JSON.stringify(frame));
      await fake.caughtUp();
      const good = askCommand('Who is Vedim Krasikov?');
      fake.dispatch('INTERACTION_CREATE', good.payload);

      const answered = await fake.waitForRequest((r) => r.path === good.callbackPath);
      expect((answered.body as { type: number }).type).toBe(4);
      expect(probe.child.exitCode).toBeNull();
      expect(probe.stderr()).toContain('skipped a malformed event');
      const dropped = probe.stderr().match(/dropped a malformed gateway frame/g) ?? [];
      expect(dropped).toHaveLength(crashingFrames.length);
      probe.child.kill('SIGTERM');
      expect(await probe.exited).toBe(0);
    }));
});

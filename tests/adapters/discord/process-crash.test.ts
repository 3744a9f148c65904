import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { type FakeDiscord, startFakeDiscord } from './fake-discord.js';
import { askCommand, malformedCommand } from './payloads.js';

/**
 * The malformed-interaction crash, in real processes: an unguarded discord.js client dies of it
 * (this proves the guard is needed, and will fail once discord.js fixes the bug), and the
 * adapter's process lives on and answers the next interaction.
 */

const fixture = fileURLToPath(new URL('./fixtures/gateway-process.ts', import.meta.url));

interface Probe {
  child: ChildProcess;
  stderr: () => string;
  exited: Promise<number | null>;
}

async function startProbe(mode: 'adapter' | 'bare', fake: FakeDiscord): Promise<Probe> {
  const child = spawn(process.execPath, ['--import', 'tsx', fixture], {
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

describe('a malformed INTERACTION_CREATE, in a real process', () => {
  let fake: FakeDiscord | undefined;
  let probe: Probe | undefined;

  afterEach(async () => {
    if (probe && probe.child.exitCode === null && probe.child.signalCode === null) {
      probe.child.kill('SIGTERM');
      await probe.exited;
    }
    await fake?.close();
    probe = undefined;
    fake = undefined;
  });

  it('kills a bare discord.js client process', async () => {
    fake = await startFakeDiscord();
    probe = await startProbe('bare', fake);
    fake.dispatch('INTERACTION_CREATE', malformedCommand('Who is Vedim Krasikov?').payload);

    expect(await probe.exited).not.toBe(0);
    expect(probe.stderr()).toContain('TypeError');
  });

  it('does not kill the adapter process, which answers the next interaction', async () => {
    fake = await startFakeDiscord();
    probe = await startProbe('adapter', fake);
    const good = askCommand('Who is Vedim Krasikov?');
    fake.dispatch('INTERACTION_CREATE', malformedCommand('Who is Vedim Krasikov?').payload);
    fake.dispatch('INTERACTION_CREATE', good.payload);

    const answered = await fake.waitForRequest((r) => r.path === good.callbackPath, 5000);
    expect((answered.body as { type: number }).type).toBe(4);
    expect(probe.child.exitCode).toBeNull();
    expect(probe.stderr()).toContain('skipped a malformed event');
  });
});

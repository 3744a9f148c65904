import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBot } from '../../../src/bot/bot.js';
import { loadPacks } from '../../../src/knowledge/load-packs.js';
import type { Adapter } from '../../../src/platform.js';
import { connectedAdapter } from './connect.js';
import { type FakeDiscord, ids, readyPayload, startFakeDiscord } from './fake-discord.js';
import { crashingFrames, otherMalformedFrames } from './frames.js';
import { captureLogs } from './log-capture.js';
import { askCommand } from './payloads.js';

/**
 * The real discord.js client, through the adapter, against frames no gateway should send. In this
 * process vitest would catch a crash as an unhandled rejection and fail the run; the assertions
 * check more: every bad frame was dropped by the frame checks (not by the last-resort catch), and
 * an interaction sent after them is answered. tests/adapters/discord/process-crash.integration.test.ts shows
 * the same frames killing an unguarded client process.
 */

const DROPPED = 'discord: dropped a malformed gateway frame';
const FAILED = 'discord: a gateway frame failed; skipped';

let fake: FakeDiscord;
let adapter: Adapter;
const logs = captureLogs();
const bot = createBot(loadPacks('knowledge'));

beforeAll(async () => {
  fake = await startFakeDiscord();
  adapter = await connectedAdapter(bot, fake, logs.logger);
});

afterAll(async () => {
  await adapter?.stop();
  await fake?.close();
});

const count = (msg: string) => logs.entries().filter((e) => e.msg === msg).length;

async function expectAnswered(): Promise<void> {
  const good = askCommand('Who is Vedim Krasikov?');
  fake.dispatch('INTERACTION_CREATE', good.payload);
  const answered = await fake.waitForRequest((r) => r.path === good.callbackPath);
  expect((answered.body as { type: number }).type).toBe(4);
}

describe('a Discord client fed malformed gateway frames', () => {
  it('drops each one with a warning naming it, and answers the next interaction', async () => {
    const before = count(DROPPED);
    for (const [, frame] of crashingFrames) fake.sendRaw(JSON.stringify(frame));
    for (const [, raw] of otherMalformedFrames) fake.sendRaw(raw);
    await fake.caughtUp();
    await expectAnswered();

    expect(count(DROPPED) - before).toBe(crashingFrames.length + otherMalformedFrames.length);
    expect(count(FAILED)).toBe(0);
    const dropped = logs.entries().filter((e) => e.msg === DROPPED);
    expect(dropped).toContainEqual(
      expect.objectContaining({
        level: 40,
        op: 0,
        t: 'READY',
        problem: 'd: Invalid input: expected object, received null',
      }),
    );
    expect(dropped).toContainEqual(expect.objectContaining({ op: 0, t: 'error' }));
    expect(dropped).toContainEqual(expect.objectContaining({ op: 9 }));
    expect(dropped).toContainEqual(expect.objectContaining({ op: 10 }));
  });

  it('survives frames mutated at random from real ones, and answers the next interaction', async () => {
    const resume = `ws://${new URL(fake.api).host}`;
    const templates: unknown[] = [
      { op: 10, d: { heartbeat_interval: 45_000 } },
      { op: 0, t: 'READY', s: 1, d: readyPayload(resume) },
      { op: 0, t: 'GUILD_CREATE', s: 1, d: { id: ids.guild, name: 'Newsroom', channels: [] } },
      { op: 0, t: 'INTERACTION_CREATE', s: 1, d: askCommand('Who is Krasikov?').payload },
      { op: 0, t: 'RESUMED', s: 1, d: null },
      { op: 1, d: null },
      { op: 11 },
    ];
    // Opcodes 7 and 9 are left out as values: well formed, they make the client reconnect.
    const value = fc.oneof(
      fc.jsonValue({ maxDepth: 2 }).filter((v) => v !== 7 && v !== 9),
      fc.constantFrom('error', '__proto__', 'constructor', 'READY', 'GUILD_CREATE', 'RESUMED', 0, 10, null),
    );
    const mutant = fc
      .tuple(fc.constantFrom(...templates), fc.nat(), value, fc.boolean())
      .map(([template, pick, replacement, remove]) =>
        JSON.stringify(mutate(template, pick, replacement, remove)),
      );
    const raw = fc.oneof(
      { weight: 8, arbitrary: mutant },
      { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
      { weight: 1, arbitrary: fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.stringify(v) ?? 'null') },
    );
    const frames = fc.sample(raw, { numRuns: 400, seed: 11 });

    const before = count(DROPPED);
    for (const frame of frames) fake.sendRaw(frame);
    await fake.caughtUp();
    await expectAnswered();

    expect(count(DROPPED) - before).toBeGreaterThan(frames.length / 4);
    expect(logs.entries().filter((e) => e.msg === FAILED)).toEqual([]);
    expect(logs.entries().filter((e) => e.msg === 'discord: client error')).toEqual([]);
  });
});

/** A deep copy of `template` with the `pick`-th of its fields (in depth-first order) replaced or removed. */
function mutate(template: unknown, pick: number, replacement: unknown, remove: boolean): unknown {
  const copy = structuredClone(template) as Record<string, unknown>;
  const slots: Array<[Record<string, unknown>, string]> = [];
  const walk = (node: unknown) => {
    if (typeof node !== 'object' || node === null) return;
    for (const key of Object.keys(node)) {
      slots.push([node as Record<string, unknown>, key]);
      walk((node as Record<string, unknown>)[key]);
    }
  };
  walk(copy);
  const slot = slots[pick % slots.length];
  if (!slot) return copy;
  const [parent, key] = slot;
  if (remove) delete parent[key];
  else parent[key] = replacement;
  return copy;
}

import { EventEmitter } from 'node:events';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough, Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { PLATFORMS } from '../../adapters/registry.js';
import { readConfig, secretSettings, settingNames } from '../../src/config.js';
import { ConfigError } from '../../src/errors.js';
import { fatalMessage } from '../../src/runtime/entry.js';
import { launch } from '../../src/runtime/launch.js';
import { until } from '../runtime/support/temp-knowledge.js';
import { fakePlatform } from './fake-platform/platform.js';
import { room } from './fake-platform/room.js';

/** The registry with one more platform: the one line a new platform adds. */
const registry = [...PLATFORMS, fakePlatform];

describe('the platform registry', () => {
  it('names each platform once, and at most one fallback', () => {
    const names = PLATFORMS.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
    expect(PLATFORMS.filter((p) => p.fallback)).toHaveLength(1);
  });

  it("merges a new platform's settings and secrets into the configuration", () => {
    expect(settingNames(registry)).toEqual([...settingNames(PLATFORMS), 'FAKE_ROOM', 'FAKE_TOKEN']);
    expect(secretSettings(registry)).toContain('FAKE_TOKEN');
    expect(readConfig({ FAKE_ROOM: 'r', FAKE_TOKEN: 'fk-1' }, registry)).toMatchObject({
      FAKE_ROOM: 'r',
      FAKE_TOKEN: 'fk-1',
      SLACK_COMMAND: '/ask',
    });
    expect(() => readConfig({ FAKE_TOKEN: 'nope-secret-value' }, registry)).toThrow(
      'FAKE_TOKEN: must start with fk-',
    );
    // Its own rule across settings, and its secret scrubbed from any error text.
    expect(() => readConfig({ FAKE_ROOM: 'r' }, registry)).toThrow(
      new ConfigError('FAKE_TOKEN', 'required to join a room'),
    );
    const env = { FAKE_TOKEN: 'fk-secret-value' };
    expect(fatalMessage(new Error('refused fk-secret-value'), secretSettings(registry), env)).toBe(
      'refused [secret]',
    );
  });

  it('starts a new platform from its settings alone, answers through the port, and stops on SIGTERM', async () => {
    const signals = new EventEmitter();
    const logs: Array<Record<string, unknown>> = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        for (const line of chunk.toString().split('\n').filter(Boolean)) logs.push(JSON.parse(line));
        done();
      },
    });
    const chat = room('registry-test');
    const dataDir = mkdtempSync(join(tmpdir(), 'factdesk-registry-'));
    const running = launch({
      platforms: registry,
      env: {
        FAKE_ROOM: 'registry-test',
        DATA_DIR: dataDir,
        FAKE_TOKEN: 'fk-token-1234',
        KNOWLEDGE_WATCH: 'false',
        PORT: '0',
        RATE_LIMIT_BURST: '4',
        RATE_LIMIT_PER_MINUTE: '1',
      },
      terminal: { input: new PassThrough(), output: new PassThrough(), interactive: false },
      signals,
      logDestination: destination,
    });
    await until(() => logs.some((l) => l.msg === 'started'), 'the start');
    expect(logs.find((l) => l.msg === 'started')).toMatchObject({ adapters: ['fake'] });

    expect(await chat.say('u1', '@@bot who is Krasikov?')).toMatch(
      /^us-russia-prisoner-exchange\/krasikov-who: /,
    );
    // A bare mention in its own syntax is the help intent; its command the topics intent.
    expect(await chat.say('u1', '@@bot')).toMatch(/^I answer questions about /);
    expect(await chat.click('u1', { pack: 'factdesk-faq', card: 'what-is-factdesk' })).toMatch(
      /^factdesk-faq\/what-is-factdesk: /,
    );
    // Its users are rate limited like everyone's, by its own name.
    expect(await chat.say('u1', '/topics')).toMatch(/^I can answer questions about /);
    expect(await chat.say('u1', 'who is Krasikov?')).toMatch(/^You are asking faster than I can keep up/);
    expect(await chat.say('u2', 'who is Krasikov?')).toMatch(/krasikov-who/);

    signals.emit('SIGTERM');
    expect(await running).toBe(0);
    await expect(chat.say('u1', 'still there?')).rejects.toThrow('no bot in room');
    expect(JSON.stringify(logs)).not.toContain('fk-token-1234');
    rmSync(dataDir, { recursive: true, force: true });
  });
});

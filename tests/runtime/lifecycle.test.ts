import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import type { Adapter } from '../../src/platform.js';
import { createHealth } from '../../src/runtime/health.js';
import { createInFlight } from '../../src/runtime/in-flight.js';
import { EXIT, run } from '../../src/runtime/lifecycle.js';
import { memoryLogger } from './support/temp-knowledge.js';

interface FakeAdapter extends Adapter {
  events: string[];
}

function fakeAdapter(name: string, events: string[], options: { stopMs?: number; failStart?: boolean } = {}) {
  const adapter: FakeAdapter = {
    name,
    events,
    async start() {
      if (options.failStart) throw new Error(`${name} refused`);
      events.push(`start ${name}`);
    },
    async stop() {
      events.push(`stopping ${name}`);
      await new Promise((resolve) => setTimeout(resolve, options.stopMs ?? 0));
      events.push(`stopped ${name}`);
    },
  };
  return adapter;
}

const service = (name: string, events: string[]) => ({
  name,
  start: async () => {
    events.push(`start ${name}`);
  },
  stop: async () => {
    events.push(`stop ${name}`);
  },
});

/**
 * Lets every promise chain already under way run to its end: the code under test waits here on
 * promises and on the fakes' own timers only, and a macrotask runs after all pending promise
 * callbacks. A flush, not a pause standing in for an event, so a slow machine cannot fail it.
 */
const tick = () => new Promise((resolve) => setImmediate(resolve));

describe('run', () => {
  it('starts services then adapters, and on SIGTERM drains, stops adapters then services, exit 0', async () => {
    const events: string[] = [];
    const signals = new EventEmitter();
    const health = createHealth();
    health.knowledgeLoaded([]);
    const running = run({
      adapters: [fakeAdapter('slack', events, { stopMs: 20 })],
      services: [service('health', events)],
      health,
      logger: memoryLogger().logger,
      signals,
      shutdownTimeoutMs: 1000,
    });
    await tick();
    expect(events).toEqual(['start health', 'start slack']);
    expect(health.readiness().platforms).toEqual({ slack: 'connected' });
    signals.emit('SIGTERM');
    await tick();
    // Not ready any more as soon as the signal arrives, while the adapter still finishes.
    expect(health.readiness().status).toBe('draining');
    expect(await running).toBe(EXIT.ok);
    expect(events).toEqual(['start health', 'start slack', 'stopping slack', 'stopped slack', 'stop health']);
    expect(signals.listenerCount('SIGTERM') + signals.listenerCount('SIGINT')).toBe(0);
  });

  it('stops when every adapter has finished (the console at end of input)', async () => {
    const events: string[] = [];
    let finish = () => {};
    const adapter = {
      ...fakeAdapter('console', events),
      finished: new Promise<void>((resolve) => {
        finish = resolve;
      }),
    };
    const running = run({
      adapters: [adapter],
      health: createHealth(),
      logger: memoryLogger().logger,
      signals: new EventEmitter(),
      shutdownTimeoutMs: 1000,
    });
    await tick();
    finish();
    expect(await running).toBe(EXIT.ok);
    expect(events).toContain('stopped console');
  });

  it('gives up after the timeout, and at once on a second signal', async () => {
    const slow = (signals: EventEmitter, timeout: number) =>
      run({
        adapters: [fakeAdapter('slow', [], { stopMs: 10_000 })],
        health: createHealth(),
        logger: memoryLogger().logger,
        signals,
        shutdownTimeoutMs: timeout,
      });
    const timedOut = new EventEmitter();
    const first = slow(timedOut, 30);
    await tick();
    timedOut.emit('SIGINT');
    expect(await first).toBe(EXIT.failed);

    const impatient = new EventEmitter();
    const second = slow(impatient, 10_000);
    await tick();
    impatient.emit('SIGTERM');
    await tick();
    impatient.emit('SIGINT');
    expect(await second).toBe(EXIT.forced);
  });

  it('aborts the signal it gave each adapter when it gives up, before it resolves, so adapters can log what they leave', async () => {
    const seen: string[] = [];
    const stuck: Adapter = {
      name: 'stuck',
      start: async () => {},
      // Never finishes by itself; says what it leaves when told the shutdown gave up.
      stop: (signal) =>
        new Promise<void>((resolve) => {
          signal?.addEventListener('abort', () => {
            seen.push('left unanswered: r1');
            resolve();
          });
        }),
    };
    const signals = new EventEmitter();
    const running = run({
      adapters: [stuck],
      health: createHealth(),
      logger: memoryLogger().logger,
      signals,
      shutdownTimeoutMs: 30,
    });
    await tick();
    signals.emit('SIGTERM');
    const code = await running;
    expect(code).toBe(EXIT.failed);
    expect(seen).toEqual(['left unanswered: r1']);
  });

  it('stops what had started when an adapter fails to start, and rejects', async () => {
    const events: string[] = [];
    const health = createHealth();
    await expect(
      run({
        adapters: [fakeAdapter('one', events), fakeAdapter('two', events, { failStart: true })],
        services: [service('health', events)],
        health,
        logger: memoryLogger().logger,
        signals: new EventEmitter(),
        shutdownTimeoutMs: 1000,
      }),
    ).rejects.toThrow('two refused');
    expect(events).toEqual(['start health', 'start one', 'stopping one', 'stopped one', 'stop health']);
    expect(health.readiness().status).toBe('draining');
  });
});

describe('run, signalled during start-up', () => {
  it('does not wait for a start that hangs: it stops everything and exits', async () => {
    const events: string[] = [];
    const signals = new EventEmitter();
    const hanging: Adapter = {
      name: 'socket',
      start: () => new Promise(() => {}), // e.g. a platform that cannot be reached, retrying
      stop: async () => {
        events.push('stop socket');
      },
    };
    const running = run({
      adapters: [hanging],
      services: [service('health', events)],
      health: createHealth(),
      logger: memoryLogger().logger,
      signals,
      shutdownTimeoutMs: 1000,
    });
    await tick();
    signals.emit('SIGTERM');
    expect(await running).toBe(EXIT.ok);
    expect(events).toEqual(['start health', 'stop socket', 'stop health']);
  });
});

describe('createInFlight', () => {
  it('is idle at once with nothing in flight, else when the last work settles', async () => {
    const inFlight = createInFlight();
    await inFlight.idle();
    let release = () => {};
    const work = inFlight.track(new Promise<void>((resolve) => (release = resolve)));
    const failing = inFlight.track(Promise.reject(new Error('x'))).catch(() => 'caught');
    expect(inFlight.count).toBe(2);
    let idle = false;
    const waiting = inFlight.idle().then(() => {
      idle = true;
    });
    expect(await failing).toBe('caught');
    await tick();
    expect(idle).toBe(false);
    release();
    await work;
    await waiting;
    expect(inFlight.count).toBe(0);
  });
});

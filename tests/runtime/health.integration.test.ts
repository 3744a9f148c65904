import { afterEach, describe, expect, it } from 'vitest';
import type { VersionedPack } from '../../src/knowledge/load-packs.js';
import { loadVersionedPacks } from '../../src/knowledge/load-packs.js';
import {
  createHealth,
  createHealthServer,
  type HealthServer,
  standaloneHealthPort,
} from '../../src/runtime/health.js';

const loaded: VersionedPack[] = loadVersionedPacks('knowledge');

describe('readiness', () => {
  it('is ready only with knowledge loaded and every platform connected, until draining', () => {
    const health = createHealth(() => 0);
    expect(health.readiness()).toMatchObject({ ready: false, status: 'starting', cards: 0 });
    health.knowledgeLoaded(loaded);
    expect(health.readiness().ready).toBe(false); // no platform yet
    health.platform('slack', 'starting');
    health.platform('discord', 'connected');
    expect(health.readiness().ready).toBe(false);
    health.platform('slack', 'connected');
    const ready = health.readiness();
    expect(ready).toMatchObject({ ready: true, status: 'ready', platforms: { slack: 'connected' } });
    expect(ready.cards).toBe(loaded.reduce((n, p) => n + p.pack.cards.length, 0));
    expect(ready.packs.map((p) => p.id)).toEqual(loaded.map((p) => p.pack.id));
    for (const pack of ready.packs) expect(pack.version).toMatch(/^[0-9a-f]{12}$/);
    health.knowledgeReloadFailed();
    expect(health.readiness()).toMatchObject({ ready: true, knowledge: { lastReloadFailed: true } });
    health.drain();
    expect(health.readiness()).toMatchObject({ ready: false, status: 'draining' });
  });
});

describe('state on /readyz', () => {
  it('says where state lives and whether it is shared, and Redis unreachable does not make it unready', () => {
    const health = createHealth(() => 0);
    health.knowledgeLoaded(loaded);
    health.platform('slack', 'connected');
    expect(health.readiness().state).toBeUndefined();
    let shared = true;
    health.stateStore(() => ({
      store: 'redis',
      shared,
      redis: shared ? 'connected' : 'unreachable',
      since: new Date(0).toISOString(),
      lastError: shared ? null : 'connect ECONNREFUSED 127.0.0.1:6379',
      keyPrefix: 'factdesk:',
    }));
    expect(health.readiness()).toMatchObject({ ready: true, state: { store: 'redis', shared: true } });
    shared = false;
    expect(health.readiness()).toMatchObject({
      ready: true,
      state: { shared: false, redis: 'unreachable', lastError: 'connect ECONNREFUSED 127.0.0.1:6379' },
    });
  });
});

describe('versions', () => {
  it('are stable for the same files', () => {
    expect(loadVersionedPacks('knowledge').map((p) => p.version)).toEqual(loaded.map((p) => p.version));
  });
});

describe('standalone health server', () => {
  let server: HealthServer | undefined;
  afterEach(async () => {
    await server?.stop();
    server = undefined;
  });

  it('serves /healthz always and /readyz as 200 or 503, and nothing else', async () => {
    const health = createHealth();
    server = createHealthServer(health, { port: 0, host: '127.0.0.1' });
    await server.start();
    const base = `http://127.0.0.1:${server.address()?.port}`;

    const live = await fetch(`${base}/healthz`);
    expect(live.status).toBe(200);
    expect(await live.json()).toMatchObject({ status: 'alive' });

    const starting = await fetch(`${base}/readyz`);
    expect(starting.status).toBe(503);
    expect(starting.headers.get('content-type')).toBe('application/json');
    expect(await starting.json()).toMatchObject({ ready: false, status: 'starting' });

    health.knowledgeLoaded(loaded);
    health.platform('console', 'connected');
    const ready = await fetch(`${base}/readyz?probe=1`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, packs: [{ id: 'factdesk-faq' }, {}] });

    expect((await fetch(`${base}/readyz`, { method: 'HEAD' })).status).toBe(200);
    expect((await fetch(`${base}/readyz`, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${base}/slack/events`)).status).toBe(404);
    health.drain();
    expect((await fetch(`${base}/readyz`)).status).toBe(503);
  });

  it('fails to start on a port already taken, with the error', async () => {
    const health = createHealth();
    server = createHealthServer(health, { port: 0, host: '127.0.0.1' });
    await server.start();
    const second = createHealthServer(health, { port: server.address()?.port ?? 0, host: '127.0.0.1' });
    await expect(second.start()).rejects.toThrow(/EADDRINUSE/);
    await second.stop();
  });
});

describe('standaloneHealthPort', () => {
  it.each([
    [{ PORT: 3000 }, { portServedByPlatform: true, consoleOnly: false }, undefined],
    [{ PORT: 3000 }, { portServedByPlatform: false, consoleOnly: false }, 3000],
    [{ PORT: 3000 }, { portServedByPlatform: false, consoleOnly: true }, undefined],
    [{ PORT: 3000, HEALTH_PORT: 9000 }, { portServedByPlatform: true, consoleOnly: false }, 9000],
    [{ PORT: 3000, HEALTH_PORT: 9000 }, { portServedByPlatform: false, consoleOnly: true }, 9000],
    [{ PORT: 3000, HEALTH_PORT: 3000 }, { portServedByPlatform: true, consoleOnly: false }, undefined],
  ])('%j %j → %s', (config, setup, port) => {
    expect(standaloneHealthPort(config, setup)).toBe(port);
  });
});

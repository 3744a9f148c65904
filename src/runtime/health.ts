import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CoreConfig } from '../config.js';
import type { VersionedPack } from '../knowledge/load-packs.js';
import type { StateStatus } from '../state/stores.js';
import { close, listen } from './http-listen.js';

/** A GET route on an HTTP server, in node:http terms so that any server can mount it. */
export interface HttpRoute {
  path: string;
  handler: (req: IncomingMessage, res: ServerResponse) => void;
}

export type PlatformState = 'starting' | 'connected' | 'stopping' | 'stopped';

export interface PackStatus {
  id: string;
  version: string;
  cards: number;
}

/** The body of `/readyz`. Ids, counts and versions only: nothing secret, no file contents. */
export interface Readiness {
  ready: boolean;
  status: 'starting' | 'ready' | 'draining';
  cards: number;
  packs: PackStatus[];
  platforms: Record<string, PlatformState>;
  knowledge: {
    loadedAt: string | null;
    lastReloadFailed: boolean;
    /** Packs this process served and a reload dropped (their folder or pack.yaml is gone). */
    droppedPacks: DroppedPack[];
  };
  /** Where conversations, rate limits and de-duplication live; Redis unreachable does not make it unready. */
  state?: StateStatus;
}

export interface DroppedPack {
  id: string;
  /** The version last served. */
  version: string;
  droppedAt: string;
}

/**
 * What the process reports about itself. `/healthz` says the process is alive (it answers at
 * all); `/readyz` says it should get traffic: knowledge loaded, every platform connected, not
 * shutting down. A load balancer routes by `/readyz`; an orchestrator restarts by `/healthz`.
 */
export interface Health {
  /** New packs are served. A pack served before and missing now is reported as dropped until it returns. */
  knowledgeLoaded(packs: readonly VersionedPack[]): void;
  /** A reload failed; the packs loaded before keep answering, so readiness is unchanged. */
  knowledgeReloadFailed(): void;
  /** A reload found the packs already served: whatever failed before has been put right. */
  knowledgeUnchanged(): void;
  platform(name: string, state: PlatformState): void;
  /** Shutting down: from now on `/readyz` answers 503 so that traffic moves elsewhere. */
  drain(): void;
  /** Where the state stores report from, read on every `/readyz`. */
  stateStore(status: () => StateStatus): void;
  readiness(): Readiness;
  /** `/healthz` and `/readyz`, to mount on an existing server (Bolt's, in Slack HTTP mode). */
  readonly routes: HttpRoute[];
}

export const HEALTH_PATHS = { live: '/healthz', ready: '/readyz' } as const;

export function createHealth(now: () => number = Date.now): Health {
  const startedAt = now();
  let packs: PackStatus[] = [];
  let loadedAt: number | undefined;
  let lastReloadFailed = false;
  const dropped = new Map<string, DroppedPack>();
  let draining = false;
  let stateStatus: (() => StateStatus) | undefined;
  const platforms = new Map<string, PlatformState>();

  const readiness = (): Readiness => {
    const states = [...platforms.values()];
    const ready =
      !draining && loadedAt !== undefined && states.length > 0 && states.every((s) => s === 'connected');
    return {
      ready,
      status: draining ? 'draining' : ready ? 'ready' : 'starting',
      cards: packs.reduce((sum, p) => sum + p.cards, 0),
      packs,
      platforms: Object.fromEntries(platforms),
      knowledge: {
        loadedAt: loadedAt === undefined ? null : new Date(loadedAt).toISOString(),
        lastReloadFailed,
        droppedPacks: [...dropped.values()],
      },
      ...(stateStatus ? { state: stateStatus() } : {}),
    };
  };

  return {
    knowledgeLoaded(loaded) {
      const next = loaded.map((p) => ({ id: p.pack.id, version: p.version, cards: p.pack.cards.length }));
      const ids = new Set(next.map((p) => p.id));
      for (const gone of packs.filter((p) => !ids.has(p.id))) {
        dropped.set(gone.id, {
          id: gone.id,
          version: gone.version,
          droppedAt: new Date(now()).toISOString(),
        });
      }
      for (const id of ids) dropped.delete(id);
      packs = next;
      loadedAt = now();
      lastReloadFailed = false;
    },
    knowledgeReloadFailed() {
      lastReloadFailed = true;
    },
    knowledgeUnchanged() {
      lastReloadFailed = false;
    },
    platform(name, state) {
      platforms.set(name, state);
    },
    drain() {
      draining = true;
    },
    stateStore(status) {
      stateStatus = status;
    },
    readiness,
    routes: [
      {
        path: HEALTH_PATHS.live,
        handler: (_req, res) =>
          sendJson(res, 200, { status: 'alive', uptimeSeconds: Math.round((now() - startedAt) / 1000) }),
      },
      {
        path: HEALTH_PATHS.ready,
        handler: (_req, res) => {
          const report = readiness();
          sendJson(res, report.ready ? 200 : 503, report);
        },
      },
    ],
  };
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
  });
  res.end(text);
}

/** A running standalone health server. */
export interface HealthServer {
  readonly name: string;
  start(): Promise<void>;
  stop(): Promise<void>;
  address(): AddressInfo | undefined;
}

/**
 * Serves the health routes on their own port when no platform server does (Socket Mode,
 * Discord, or a separate `HEALTH_PORT`). GET and HEAD only; anything else is 404 or 405.
 */
export function createHealthServer(health: Health, options: { port: number; host?: string }): HealthServer {
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const route = health.routes.find((r) => r.path === path);
    if (!route) return sendJson(res, 404, { error: 'not found' });
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('allow', 'GET, HEAD');
      return sendJson(res, 405, { error: 'method not allowed' });
    }
    route.handler(req, res);
  });
  // A probe that never finishes its request must not hold the server open at shutdown.
  server.requestTimeout = 5000;
  server.headersTimeout = 5000;
  let address: AddressInfo | undefined;
  return {
    name: 'health',
    start: async () => {
      address = await listen(server, options.port, options.host);
    },
    stop: () => close(server, 'all'),
    address: () => address,
  };
}

/**
 * Where the standalone health server listens, if anywhere. A platform server that already owns
 * `PORT` (Slack in HTTP mode) serves the routes itself; the console chat alone serves none
 * unless `HEALTH_PORT` asks for it; any other set-up gets a small server on `PORT`.
 */
export function standaloneHealthPort(
  config: Pick<CoreConfig, 'PORT' | 'HEALTH_PORT'>,
  setup: { portServedByPlatform: boolean; consoleOnly: boolean },
): number | undefined {
  if (config.HEALTH_PORT !== undefined) {
    return setup.portServedByPlatform && config.HEALTH_PORT === config.PORT ? undefined : config.HEALTH_PORT;
  }
  return setup.portServedByPlatform || setup.consoleOnly ? undefined : config.PORT;
}

import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type WebSocket, WebSocketServer } from 'ws';

/**
 * A fake Discord: the REST routes and the gateway hand-shake the real discord.js `Client` needs,
 * on 127.0.0.1, recording every REST request so tests can assert on what the bot sent. It plays
 * the hand-shake described in docs/platform-testing.md (HELLO, IDENTIFY, heartbeat ACKs, READY,
 * GUILD_CREATE) and nothing more.
 */

export const ids = {
  app: '100000000000000001',
  bot: '100000000000000001',
  guild: '200000000000000002',
  channel: '300000000000000003',
  dmChannel: '300000000000000009',
  user: '400000000000000004',
  otherBot: '400000000000000005',
} as const;

export interface RecordedRequest {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  body: unknown;
}

export interface FakeDiscord {
  /** REST base to give discord.js as `rest.api`, e.g. `http://127.0.0.1:1234/api`. */
  readonly api: string;
  readonly requests: RecordedRequest[];
  /** Sends a gateway DISPATCH to every connected shard, or to shard `shard` only. */
  dispatch(t: string, d: unknown, shard?: number): void;
  /** Sends a raw WebSocket message (any text, well formed or not) to every connected shard. */
  sendRaw(data: string | Buffer): void;
  /** Every gateway frame the shards sent, in order (IDENTIFY, heartbeats, RESUME, …). */
  readonly received: Array<{ op: number; d?: unknown }>;
  /**
   * Resolves once the client has processed every frame sent so far: the fake dispatches an event
   * no handler knows, asks for a heartbeat, and waits for one that carries that event's sequence
   * number (a client heartbeats with the last sequence it has processed).
   */
  caughtUp(timeoutMs?: number): Promise<void>;
  /** Resolves with the first request (already received or still to come) that matches. */
  waitForRequest(match: (r: RecordedRequest) => boolean, timeoutMs?: number): Promise<RecordedRequest>;
  /** Resolves when a shard has identified and been sent READY and GUILD_CREATE. */
  readonly identified: Promise<void>;
  /** The `shard` field of every IDENTIFY received, `[id, count]`. */
  readonly identifies: Array<[number, number] | undefined>;
  close(): Promise<void>;
}

export const botUser = {
  id: ids.bot,
  username: 'factdesk',
  discriminator: '0',
  bot: true,
  avatar: null,
  global_name: null,
};

/** The READY payload the fake sends after IDENTIFY. */
export function readyPayload(resumeUrl: string) {
  return {
    v: 10,
    user: botUser,
    guilds: [{ id: ids.guild, unavailable: true }],
    session_id: 'fake-session',
    resume_gateway_url: resumeUrl,
    application: { id: ids.app, flags: 0 },
  };
}

export const human = {
  id: ids.user,
  username: 'reader',
  discriminator: '0',
  bot: false,
  avatar: null,
  global_name: 'Reader',
};

export interface FakeOptions {
  /** The shard count GET /gateway/bot recommends. */
  recommendedShards?: number;
}

export async function startFakeDiscord(options: FakeOptions = {}): Promise<FakeDiscord> {
  const requests: RecordedRequest[] = [];
  const identifies: Array<[number, number] | undefined> = [];
  const received: Array<{ op: number; d?: unknown }> = [];
  const heartbeatWaiters = new Set<(sequence: unknown) => void>();
  const waiters: Array<{ match: (r: RecordedRequest) => boolean; resolve: (r: RecordedRequest) => void }> =
    [];
  const sockets = new Set<WebSocket>();
  /** The shard each connection identified as. */
  const shardOf = new Map<WebSocket, number>();
  let sequence = 0;
  let markIdentified: () => void = () => {};
  const identified = new Promise<void>((resolve) => {
    markIdentified = resolve;
  });

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      const body: unknown = raw && req.headers['content-type']?.includes('json') ? JSON.parse(raw) : raw;
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        path: new URL(req.url ?? '/', 'http://x').pathname,
        headers: req.headers,
        body,
      };
      requests.push(recorded);
      route(recorded, res);
      for (const waiter of [...waiters]) {
        if (waiter.match(recorded)) {
          waiters.splice(waiters.indexOf(waiter), 1);
          waiter.resolve(recorded);
        }
      }
    });
  });

  const json = (res: ServerResponse, status: number, value: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(value));
  };

  const route = (r: RecordedRequest, res: ServerResponse) => {
    if (r.method === 'GET' && r.path === '/api/v10/gateway/bot') {
      json(res, 200, {
        url: `ws://127.0.0.1:${port()}`,
        shards: options.recommendedShards ?? 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
      });
      return;
    }
    if (r.method === 'POST' && /^\/api\/v10\/interactions\/\d+\/[^/]+\/callback$/.test(r.path)) {
      // A token starting with "expired-" plays an interaction Discord no longer knows.
      if (r.path.includes('/expired-')) json(res, 404, { message: 'Unknown interaction', code: 10062 });
      else res.writeHead(204).end();
      return;
    }
    const channelMessages = /^\/api\/v10\/channels\/(\d+)\/messages$/.exec(r.path);
    if (r.method === 'POST' && channelMessages) {
      const sent = (r.body ?? {}) as Record<string, unknown>;
      json(res, 200, {
        id: String(900_000_000_000_000_000n + BigInt(requests.length)),
        channel_id: channelMessages[1],
        author: botUser,
        content: sent.content ?? '',
        timestamp: new Date().toISOString(),
        edited_timestamp: null,
        tts: false,
        mention_everyone: false,
        mentions: [],
        mention_roles: [],
        attachments: [],
        embeds: sent.embeds ?? [],
        components: sent.components ?? [],
        pinned: false,
        type: sent.message_reference ? 19 : 0,
        flags: 0,
      });
      return;
    }
    if (r.method === 'PUT' && /^\/api\/v10\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(r.path)) {
      const body = Array.isArray(r.body) ? r.body : [];
      json(
        res,
        200,
        body.map((command: Record<string, unknown>, i: number) => ({
          ...command,
          id: String(500_000_000_000_000_000n + BigInt(i)),
          application_id: ids.app,
          version: '1',
        })),
      );
      return;
    }
    json(res, 404, { message: 'Unknown route', code: 0 });
  };

  const wss = new WebSocketServer({ server });
  const send = (ws: WebSocket, payload: unknown) => ws.send(JSON.stringify(payload));
  wss.on('connection', (ws) => {
    sockets.add(ws);
    ws.on('close', () => sockets.delete(ws));
    // A long interval: no heartbeat is due during a test, but any that comes is acknowledged.
    send(ws, { op: 10, d: { heartbeat_interval: 45_000 } });
    ws.on('message', (data) => {
      const packet = JSON.parse(String(data)) as { op: number; d?: { shard?: [number, number] } };
      received.push(packet);
      if (packet.op === 1) {
        send(ws, { op: 11 });
        for (const waiter of [...heartbeatWaiters]) waiter(packet.d);
      }
      // RESUME (after a RECONNECT or a resumable INVALID_SESSION): the session carries on.
      if (packet.op === 6) send(ws, { op: 0, t: 'RESUMED', s: ++sequence, d: null });
      if (packet.op !== 2) return;
      identifies.push(packet.d?.shard);
      shardOf.set(ws, packet.d?.shard?.[0] ?? 0);
      send(ws, {
        op: 0,
        t: 'READY',
        s: ++sequence,
        d: readyPayload(`ws://127.0.0.1:${port()}`),
      });
      send(ws, {
        op: 0,
        t: 'GUILD_CREATE',
        s: ++sequence,
        d: {
          id: ids.guild,
          name: 'Newsroom',
          channels: [{ id: ids.channel, type: 0, name: 'general' }],
        },
      });
      markIdentified();
    });
  });

  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = () => (server.address() as AddressInfo).port;

  return {
    api: `http://127.0.0.1:${port()}/api`,
    requests,
    identified,
    identifies,
    received,
    dispatch(t, d, shard) {
      for (const ws of sockets) {
        if (shard === undefined || shardOf.get(ws) === shard) send(ws, { op: 0, t, s: ++sequence, d });
      }
    },
    sendRaw(data) {
      for (const ws of sockets) ws.send(data);
    },
    caughtUp(timeoutMs = 10_000) {
      const barrier = ++sequence;
      for (const ws of sockets) send(ws, { op: 0, t: 'FAKE_BARRIER', s: barrier, d: {} });
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          heartbeatWaiters.delete(waiter);
          reject(new Error('fake Discord: the client did not catch up'));
        }, timeoutMs);
        const waiter = (sequence: unknown) => {
          // Frames are handled concurrently: a heartbeat may overtake the barrier. Ask again.
          if (typeof sequence !== 'number' || sequence < barrier) {
            for (const ws of sockets) send(ws, { op: 1, d: null });
            return;
          }
          heartbeatWaiters.delete(waiter);
          clearTimeout(timer);
          resolve();
        };
        heartbeatWaiters.add(waiter);
        for (const ws of sockets) send(ws, { op: 1, d: null });
      });
    },
    waitForRequest(match, timeoutMs = 20_000) {
      const found = requests.find(match);
      if (found) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          waiters.splice(waiters.indexOf(waiter), 1);
          reject(new Error('fake Discord: no matching request arrived'));
        }, timeoutMs);
        const waiter = {
          match,
          resolve: (r: RecordedRequest) => {
            clearTimeout(timer);
            resolve(r);
          },
        };
        waiters.push(waiter);
      });
    },
    async close() {
      for (const ws of sockets) ws.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

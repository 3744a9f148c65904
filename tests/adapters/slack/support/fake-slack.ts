import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Recorder } from './recorder.js';

export const TEAM = 'T0TEAM';
export const BOT_USER = 'U0BOT';
export const BOT_ID = 'B0BOT';
export const BOT_TOKEN = 'xoxb-test-token';

/** A Web API call as the fake received it: form fields, with `blocks` decoded. */
export interface ApiCall {
  method: string;
  params: Record<string, string>;
  blocks: unknown[];
  authorization: string | undefined;
}

/** A POST to a response_url: what `respond()` sent. */
export interface ResponsePost {
  id: string;
  body: Record<string, unknown>;
  /** When it arrived, `performance.now()` of this process (the load tool times answers by it). */
  at: number;
}

export interface FakeSlack {
  /** For `clientOptions.slackApiUrl`. */
  apiUrl: string;
  responseUrl(id: string): string;
  calls: Recorder<ApiCall>;
  responses: Recorder<ResponsePost>;
  /** What `apps.connections.open` returns, for Socket Mode. */
  socketUrl: string | undefined;
  /** Records POSTs to response_url `id` but answers them only once the returned function is called. */
  hold(id: string): () => void;
  close(): Promise<void>;
}

/**
 * The Slack Web API and response_url endpoints on 127.0.0.1. Methods answer `{ ok: true }`
 * with what Bolt reads: auth.test the bot's identity (and `invalid_auth` for any other token),
 * chat.postMessage a ts, apps.connections.open the WebSocket url.
 */
export async function startFakeSlack(): Promise<FakeSlack> {
  const calls = new Recorder<ApiCall>();
  const responses = new Recorder<ResponsePost>();
  let posted = 0;
  const held = new Map<string, Promise<void>>();
  const fake: FakeSlack = {
    apiUrl: '',
    responseUrl: (id) => `${origin}/response/${id}`,
    calls,
    responses,
    socketUrl: undefined,
    hold(id) {
      let release = () => {};
      held.set(id, new Promise<void>((resolve) => (release = resolve)));
      return () => release();
    },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };

  const server = createServer(async (req, res) => {
    const raw = await readBody(req);
    const url = req.url ?? '/';
    if (url.startsWith('/response/')) {
      const id = url.slice('/response/'.length);
      responses.push({ id, body: JSON.parse(raw) as Record<string, unknown>, at: performance.now() });
      await held.get(id);
      // An expired response_url, as Slack answers after 30 minutes or 5 uses.
      if (id.startsWith('expired')) return send(res, 404, 'expired_url', 'text/plain');
      // Slack failing once on its side: the first post to a `flaky…` url gets a 503.
      if (id.startsWith('flaky') && responses.filter((r) => r.id === id).length === 1) {
        return send(res, 503, 'service_unavailable', 'text/plain');
      }
      return send(res, 200, 'ok', 'text/plain');
    }
    if (!url.startsWith('/api/')) return send(res, 404, 'not found', 'text/plain');
    const method = url.slice('/api/'.length).split('?')[0] ?? '';
    const params = Object.fromEntries(new URLSearchParams(raw));
    const authorization = req.headers.authorization;
    calls.push({
      method,
      params,
      blocks: params.blocks ? (JSON.parse(params.blocks) as unknown[]) : [],
      authorization,
    });
    switch (method) {
      case 'auth.test':
        if (authorization !== `Bearer ${BOT_TOKEN}`) return json(res, { ok: false, error: 'invalid_auth' });
        return json(res, {
          ok: true,
          user_id: BOT_USER,
          bot_id: BOT_ID,
          team_id: TEAM,
          user: 'factdesk',
          team: 'Test',
        });
      case 'chat.postMessage':
        posted += 1;
        return json(res, {
          ok: true,
          channel: params.channel,
          ts: `1800000000.${String(posted).padStart(6, '0')}`,
        });
      case 'views.open':
        // A trigger id starting with "expired" plays one past its 3 seconds.
        if (params.trigger_id?.startsWith('expired'))
          return json(res, { ok: false, error: 'expired_trigger_id' });
        return json(res, { ok: true, view: { id: 'V0FORM' } });
      case 'apps.connections.open':
        return json(
          res,
          fake.socketUrl ? { ok: true, url: fake.socketUrl } : { ok: false, error: 'no_socket' },
        );
      default:
        return json(res, { ok: true });
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  fake.apiUrl = `${origin}/api/`;
  return fake;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function json(res: ServerResponse, body: unknown): void {
  send(res, 200, JSON.stringify(body), 'application/json');
}

function send(res: ServerResponse, status: number, body: string, type: string): void {
  res.writeHead(status, { 'content-type': type });
  res.end(body);
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import type { HTTPReceiver } from '@slack/bolt';
import type { Logger } from '../../src/log.js';
import { SLACK_LIMITS } from './limits.js';

/** Where Slack POSTs commands, events and clicks; Bolt's default endpoint. */
export const EVENTS_PATH = '/slack/events';

/**
 * The HTTP server of Slack's HTTP mode. Bolt's HTTPReceiver does all of Slack's part (signature,
 * parsing, acknowledgement, health routes); this server owns the socket and screens each POST
 * before Bolt sees it:
 *
 * - it reads the body itself, up to {@link SLACK_LIMITS.requestBody}, and answers 413 beyond that
 *   without reading further;
 * - it answers 400 to a body that is not what Slack sends: JSON that is not an object, or a form
 *   whose `payload` is not a JSON object. Bolt reads `body.ssl_check` of whatever it parsed outside
 *   any error handler, so a signed `null` would become an unhandled rejection, which ends the
 *   process, and leave the request hanging;
 * - it hands the buffered request on; Bolt uses `rawBody` when present and still verifies the
 *   signature over it.
 *
 * It also bounds how long a client may take to send a request, so slow senders cannot hold
 * connections open.
 */
export function createSlackHttpServer(receiver: HTTPReceiver, logger: Logger): Server {
  const dispatch = (req: IncomingMessage, res: ServerResponse) => {
    try {
      receiver.requestListener(req, res);
    } catch {
      // Bolt throws for a path or method it does not serve (HTTPReceiverDeferredRequestError).
      if (!res.headersSent) reply(res, 404);
    }
  };

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (req.method !== 'POST' || path !== EVENTS_PATH) return dispatch(req, res);

    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > SLACK_LIMITS.requestBody) return refuse(req, res, 413, logger);
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > SLACK_LIMITS.requestBody) return refuse(req, res, 413, logger);
      chunks.push(chunk);
    });
    req.on('error', () => req.destroy());
    req.on('end', () => {
      if (res.headersSent) return;
      const rawBody = Buffer.concat(chunks);
      if (!shapedLikeSlack(rawBody.toString('utf8'), req.headers['content-type'])) {
        logger.warn({ platform: 'slack', status: 400 }, 'request body is not a Slack payload');
        return reply(res, 400);
      }
      dispatch(Object.assign(req, { rawBody }), res);
    });
  });
  server.headersTimeout = 10_000;
  server.requestTimeout = 10_000;
  return server;
}

/** Whether Bolt can take this body: its parse must yield an object (mirrors `parseHTTPRequestBody`). */
export function shapedLikeSlack(body: string, contentType: string | undefined): boolean {
  if (contentType === 'application/x-www-form-urlencoded') {
    const { payload } = parseQuery(body);
    return typeof payload === 'string' ? isJsonObject(payload) : true;
  }
  return isJsonObject(body);
}

function isJsonObject(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null && !Array.isArray(value);
  } catch {
    return false;
  }
}

function refuse(req: IncomingMessage, res: ServerResponse, status: number, logger: Logger): void {
  if (res.headersSent) return;
  logger.warn({ platform: 'slack', status }, 'request body too large');
  // The rest of the body is not read: close the connection once the answer is out.
  res.setHeader('connection', 'close');
  reply(res, status);
  req.pause();
}

function reply(res: ServerResponse, status: number): void {
  res.writeHead(status);
  res.end();
}

import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { Logger } from '../../src/log.js';
import type { HttpRoute } from '../../src/runtime/health.js';
import type { SlackRequest } from './http-receiver.js';
import { SLACK_LIMITS } from './limits.js';
import { throttledWarning } from './throttled-log.js';

/** Where Slack POSTs commands, events and clicks; Bolt's default endpoint. */
export const EVENTS_PATH = '/slack/events';

export interface SlackHttpOptions {
  /** Answers a whole POST to {@link EVENTS_PATH}. */
  onEvent(request: SlackRequest, res: ServerResponse): void;
  /** GET and HEAD routes beside it (the health checks). */
  routes: readonly HttpRoute[];
  logger: Logger;
  /**
   * Connections served at once. One more is still read, and its request answered 503 with
   * `Connection: close` (a health check is served); past twice this, connections are dropped
   * as they arrive.
   */
  maxConnections: number;
  /** A request's headers must arrive within this of the connection being ready for them. */
  headersTimeoutMs: number;
  /** ... and its whole body within this. */
  requestTimeoutMs: number;
}

/** The server of Slack's HTTP mode, and how to stop it without losing an acknowledged request. */
export interface SlackHttpServer {
  readonly server: Server;
  /** Connections open now. */
  readonly connections: number;
  /**
   * Stops taking work: no new connection is accepted, connections with no request under way
   * (idle keep-alive ones, and those whose request has not fully arrived: nothing of theirs was
   * acknowledged) are closed at once, and each request being answered gets its response, then
   * its connection closes. Resolves once every connection is closed.
   */
  drain(): Promise<void>;
}

/** Where a connection is: waiting for a request, reading one, or answering one. */
type Phase = 'waiting' | 'reading' | 'answering';

interface Connection {
  socket: Socket;
  phase: Phase;
  /** Over `maxConnections` when it arrived: served one 503, then closed. */
  overCap: boolean;
  /** When the current request could start (connection opened, or the last response ended). */
  readySince: number;
  timer: NodeJS.Timeout | undefined;
}

const CLOSE_TIMED_OUT = 'HTTP/1.1 408 Request Timeout\r\nConnection: close\r\nContent-Length: 0\r\n\r\n';

/**
 * The HTTP server of Slack's HTTP mode. It owns the socket and every connection on it:
 *
 * - it caps connections ({@link SlackHttpOptions.maxConnections});
 * - it holds the header and request timeouts at their values: Node checks its own only every
 *   `connectionsCheckingInterval` (30 s by default) and never cuts a request whose headers stop
 *   half-way, so each connection has its own timer here;
 * - it reads the body itself, up to {@link SLACK_LIMITS.requestBody}, answering 413 beyond that
 *   without reading further, and hands the whole request to the Slack receiver;
 * - it serves the health routes, and 404 for anything else;
 * - it drains for a shutdown ({@link SlackHttpServer.drain}).
 */
export function createSlackHttpServer(options: SlackHttpOptions): SlackHttpServer {
  const { logger, maxConnections, headersTimeoutMs, requestTimeoutMs } = options;
  const connections = new Map<Socket, Connection>();
  const dropped = throttledWarning(logger, 'connections refused: over twice the connection limit');
  let draining = false;

  const server = createServer(
    {
      // Node's own checks, as a backstop behind the timers below (which fire first).
      headersTimeout: headersTimeoutMs + 1000,
      requestTimeout: requestTimeoutMs + 1000,
      connectionsCheckingInterval: 1000,
      keepAliveTimeout: 5000,
    },
    (req, res) => {
      const connection = connections.get(req.socket);
      if (connection) {
        startReading(connection);
        res.once('finish', () => finished(connection));
      }
      route(req, res, connection);
    },
  );
  // Beyond twice the cap, Node drops a connection as it arrives, before it costs a parser.
  server.maxConnections = maxConnections * 2;
  server.on('drop', () => dropped({ platform: 'slack', limit: maxConnections }));

  server.on('connection', (socket: Socket) => {
    const connection: Connection = {
      socket,
      phase: 'waiting',
      overCap: connections.size >= maxConnections,
      readySince: performance.now(),
      timer: undefined,
    };
    connections.set(socket, connection);
    arm(connection, headersTimeoutMs);
    socket.once('close', () => {
      clearTimeout(connection.timer);
      connections.delete(socket);
    });
  });

  /** Cuts the connection `ms` from its `readySince` unless its request has arrived by then. */
  function arm(connection: Connection, ms: number): void {
    clearTimeout(connection.timer);
    const left = connection.readySince + ms - performance.now();
    connection.timer = setTimeout(
      () => {
        if (connection.phase === 'answering') return;
        // Nothing of this request was answered: a plain 408, then the connection goes.
        connection.socket.end(CLOSE_TIMED_OUT);
        connection.socket.destroySoon();
      },
      Math.max(0, left),
    );
    connection.timer.unref();
  }

  function startReading(connection: Connection): void {
    connection.phase = 'reading';
    arm(connection, requestTimeoutMs);
  }

  function answering(connection: Connection | undefined): void {
    if (!connection) return;
    connection.phase = 'answering';
    clearTimeout(connection.timer);
  }

  function finished(connection: Connection): void {
    connection.phase = 'waiting';
    connection.readySince = performance.now();
    if (draining || connection.overCap) {
      connection.socket.end();
      return;
    }
    arm(connection, headersTimeoutMs);
  }

  function route(req: IncomingMessage, res: ServerResponse, connection: Connection | undefined): void {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    if (draining || connection?.overCap) res.setHeader('connection', 'close');
    const health = options.routes.find((r) => r.path === path);
    if (health && (req.method === 'GET' || req.method === 'HEAD')) {
      answering(connection);
      health.handler(req, res);
      return;
    }
    if (req.method !== 'POST' || path !== EVENTS_PATH) {
      answering(connection);
      reply(res, 404);
      return;
    }
    if (draining || connection?.overCap) {
      // Not read, not acknowledged: a load balancer or Slack may send it again.
      answering(connection);
      res.setHeader('retry-after', '1');
      reply(res, 503);
      req.resume();
      return;
    }
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > SLACK_LIMITS.requestBody) {
      refuse(req, res, 413, logger);
      return;
    }
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
      answering(connection);
      options.onEvent({ headers: req.headers, rawBody: Buffer.concat(chunks) }, res);
    });
  }

  return {
    server,
    get connections() {
      return connections.size;
    },
    drain() {
      draining = true;
      return new Promise<void>((resolve) => {
        if (!server.listening && connections.size === 0) return resolve();
        server.close(() => resolve());
        for (const connection of connections.values()) {
          if (connection.phase !== 'answering') connection.socket.destroy();
        }
      });
    },
  };
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
  res.writeHead(status, { 'content-length': 0 });
  res.end();
}

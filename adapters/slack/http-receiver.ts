import type { IncomingHttpHeaders, ServerResponse } from 'node:http';
import { parse as parseQuery } from 'node:querystring';
import { type AckFn, type App, isValidSlackRequest, type Receiver } from '@slack/bolt';
import { SeenSetFullError } from '../../src/errors.js';
import type { Logger } from '../../src/log.js';
import type { SeenSet } from '../../src/state/seen-set.js';
import { BUSY_TEXT } from './notices.js';
import type { Turns } from './take-turns.js';
import { type ThrottledWarning, throttledWarning } from './throttled-log.js';

/** Slack's rule: a request stamped more than five minutes from now, either way, is refused. */
export const TIMESTAMP_TOLERANCE_S = 5 * 60;

/**
 * How long a request signature is remembered: a timestamp is accepted from five minutes before
 * now to five minutes after, so a signature can pass the timestamp check for at most ten minutes
 * after it is first seen; thirty seconds more cover the clock stepping.
 */
export const REPLAY_WINDOW_MS = (2 * TIMESTAMP_TOLERANCE_S + 30) * 1000;

/** A listener that has not acknowledged by then never will: Slack gives up at 3 s. */
const UNHANDLED_AFTER_MS = 2500;

/** The kinds of payload Slack sends that Bolt routes to listeners. */
export type PayloadKind = 'event' | 'command' | 'action' | 'options' | 'view' | 'shortcut';

/** A request body as it arrived, already read in full by the server. */
export interface SlackRequest {
  headers: IncomingHttpHeaders;
  rawBody: Buffer;
}

export interface SlackReceiverOptions {
  signingSecret: string;
  logger: Logger;
  /** Admission and answer pacing. */
  turns: Turns;
  /** Signatures seen within {@link REPLAY_WINDOW_MS}. */
  replays: SeenSet;
  /**
   * When the process is busy, a request stamped longer ago than this (ms) is refused: it has
   * waited somewhere in front of the process (a load balancer's queue, the kernel) for most of
   * Slack's 3 s, and refusing it cheaply drains that queue instead of letting it grow. The stamp
   * has whole seconds, so 2,500 means between 1.5 and 2.5 s of waiting.
   */
  staleAfterMs: number;
  /** Wall clock in ms, for request timestamps. */
  now?: () => number;
}

export interface SlackReceiver extends Receiver {
  /** Answers one POST to the events path; never throws, always answers. */
  handle(request: SlackRequest, res: ServerResponse): Promise<void>;
  /** Requests refused for load so far. */
  readonly shed: number;
}

/**
 * Bolt's receiver for HTTP mode: what Bolt's own `HTTPReceiver` does (signature, parsing,
 * `ssl_check`, `url_verification`, acknowledgement), with what it lacks:
 *
 * - the timestamp is checked both ways (Bolt refuses only stale ones, not ones from the future);
 * - a signature seen before is a replay, acknowledged and not answered; the replay set holds
 *   every signature for the whole window, and when it is full the request is shed instead;
 * - a body that is not a Slack payload (no event, command, action, view …, or an event that is
 *   not an object) is a 400, before Bolt could trip over it;
 * - admission (`take-turns.ts`): past the limits, a slash command is acknowledged with an
 *   ephemeral "busy" message, anything else gets a 503 (Slack retries events); counted, logged;
 * - a payload no listener handles (an unknown command or action, a view submission) is
 *   acknowledged with 200 as soon as Bolt is done with it, logged once at warn, instead of
 *   Bolt's 404 after 3 s.
 *
 * The HTTP server (`http-server.ts`) owns the socket, reads the body and calls {@link
 * SlackReceiver.handle}; `start` and `stop` are the server's business, so they do nothing here.
 */
export function createSlackReceiver(options: SlackReceiverOptions): SlackReceiver {
  const { signingSecret, turns, replays } = options;
  const logger = options.logger;
  const now = options.now ?? Date.now;
  let app: App | undefined;
  const shedding: ThrottledWarning = throttledWarning(logger, 'shedding load: requests refused');

  const shed = (res: ServerResponse, kind: PayloadKind, reason: string) => {
    shedding({
      platform: 'slack',
      reason,
      pending: turns.pending,
      waiting: turns.waiting,
      lagMs: Math.round(turns.lagMs),
    });
    if (kind === 'command') {
      // Shown to the person who typed the command, at once and at no further cost.
      return send(res, 200, { response_type: 'ephemeral', text: BUSY_TEXT });
    }
    // Slack retries an event answered 503; a click gets Slack's own "did not respond" notice.
    res.setHeader('retry-after', '1');
    return send(res, 503);
  };

  const dispatch = async (
    body: Record<string, unknown>,
    kind: PayloadKind,
    request: SlackRequest,
    res: ServerResponse,
  ) => {
    if (!app) throw new Error('the Slack receiver was not initialised by a Bolt App');
    let acked = false;
    const ack: AckFn<unknown> = async (response) => {
      if (acked) return;
      acked = true;
      clearTimeout(timer);
      send(res, 200, response);
    };
    const timer = setTimeout(() => {
      if (acked) return;
      logger.warn(
        { platform: 'slack', kind, ...describe(body) },
        'slack request not acknowledged in time; acknowledged empty',
      );
      void ack(undefined);
    }, UNHANDLED_AFTER_MS);
    try {
      await app.processEvent({
        body,
        ack,
        ...retryOf(request.headers),
        customProperties: {},
      });
      // Acknowledged empty if no listener did (none of ours took it; the adapter's middleware
      // logged that); a no-op otherwise.
      await ack(undefined);
    } catch (error) {
      // Bolt itself failed on the payload, before any listener (listener errors go to
      // `app.error`): a shape `kindOf` let through. Acknowledged all the same: a payload that
      // failed once would fail again, so Slack retrying it would only repeat the failure.
      await ack(undefined);
      logger.warn(
        {
          platform: 'slack',
          kind,
          ...describe(body),
          err: error instanceof Error ? error.message : String(error),
        },
        'slack payload not readable; acknowledged',
      );
    } finally {
      clearTimeout(timer);
    }
  };

  return {
    init(bolt) {
      app = bolt;
    },
    start: async () => {},
    stop: async () => {},
    get shed() {
      return shedding.total;
    },
    async handle(request, res) {
      try {
        const text = request.rawBody.toString('utf8');
        const form = request.headers['content-type'] === 'application/x-www-form-urlencoded';
        // Slack checks TLS with an unsigned `ssl_check=1`; nothing in it is read.
        if (form && parseQuery(text).ssl_check === '1') return send(res, 200);

        const signature = request.headers['x-slack-signature'];
        const refused = refusal(request.headers, text, signingSecret, now());
        if (refused !== undefined || typeof signature !== 'string') {
          logger.warn(
            { platform: 'slack', status: 401, reason: refused ?? 'no signature' },
            'request refused',
          );
          return send(res, 401);
        }
        const body = parseBody(text, form);
        const kind = body && kindOf(body);
        if (body?.type === 'url_verification' && typeof body.challenge === 'string') {
          return send(res, 200, { challenge: body.challenge });
        }
        if (!body || !kind) {
          logger.warn({ platform: 'slack', status: 400 }, 'request body is not a Slack payload');
          return send(res, 400);
        }

        const waitedMs = now() - Number(request.headers['x-slack-request-timestamp']) * 1000;
        if (waitedMs > options.staleAfterMs && turns.busy) return shed(res, kind, 'waited too long');
        const admission = turns.admit();
        if (!admission) return shed(res, kind, turns.refusedFor ?? 'busy');
        try {
          let replayed: boolean;
          try {
            replayed = await replays.seen(signature);
          } catch (error) {
            if (error instanceof SeenSetFullError) return shed(res, kind, 'replay window full');
            throw error;
          }
          if (replayed) {
            logger.warn({ platform: 'slack', kind }, 'replayed request ignored');
            return send(res, 200);
          }
          await dispatch(body, kind, request, res);
        } finally {
          admission.release();
        }
      } catch (error) {
        logger.error(
          { platform: 'slack', err: error instanceof Error ? error.message : String(error) },
          'slack request failed',
        );
        if (!res.headersSent) send(res, 500);
      }
    },
  };
}

/** Why a request's timestamp or signature is refused, or undefined when both are good. */
export function refusal(
  headers: IncomingHttpHeaders,
  body: string,
  signingSecret: string,
  nowMs: number,
): string | undefined {
  const stamp = headers['x-slack-request-timestamp'];
  const signature = headers['x-slack-signature'];
  if (typeof stamp !== 'string' || !/^\d{1,12}$/.test(stamp)) return 'no timestamp';
  if (typeof signature !== 'string') return 'no signature';
  const timestamp = Number(stamp);
  if (Math.abs(nowMs / 1000 - timestamp) > TIMESTAMP_TOLERANCE_S)
    return 'timestamp more than five minutes away';
  const valid = isValidSlackRequest({
    signingSecret,
    body,
    headers: { 'x-slack-signature': signature, 'x-slack-request-timestamp': timestamp },
    nowMilliseconds: nowMs,
  });
  return valid ? undefined : 'bad signature';
}

/** The body as Bolt would parse it (`parseHTTPRequestBody`), if that is a JSON object. */
export function parseBody(text: string, form: boolean): Record<string, unknown> | undefined {
  if (form) {
    const fields = parseQuery(text);
    if (typeof fields.payload !== 'string') return fields;
    return jsonObject(fields.payload);
  }
  return jsonObject(text);
}

/**
 * Which listeners Bolt would route the body to, as its `getTypeAndConversation` decides, or
 * undefined for a body Slack never sends. What Bolt reads of every body before any listener
 * runs (`buildSource`: the event's user and channel, an interaction's user and team, a view) is
 * checked here, so that Bolt cannot trip over it; what each listener needs, it checks itself.
 */
export function kindOf(body: Record<string, unknown>): PayloadKind | undefined {
  if (body.event !== undefined) return readableEvent(body) ? 'event' : undefined;
  if (body.command !== undefined) return typeof body.command === 'string' ? 'command' : undefined;
  // Interactions: Bolt reads `user.id` and `team.id` of each.
  if (!isObject(body.user) || !optional(body.team, isObject)) return undefined;
  if (body.name !== undefined || body.type === 'block_suggestion') return 'options';
  if (body.actions !== undefined || body.type === 'dialog_submission') {
    return optional(body.actions, Array.isArray) ? 'action' : undefined;
  }
  if (body.type === 'shortcut' || body.type === 'message_action') return 'shortcut';
  if (body.type === 'view_submission' || body.type === 'view_closed')
    return isObject(body.view) ? 'view' : undefined;
  return undefined;
}

function readableEvent(body: Record<string, unknown>): boolean {
  const event = body.event;
  if (!isObject(event) || typeof event.type !== 'string') return false;
  const { authorizations } = body;
  if (
    authorizations !== undefined &&
    !(Array.isArray(authorizations) && (authorizations[0] === undefined || isObject(authorizations[0])))
  ) {
    return false;
  }
  const textOrObject = (value: unknown) => typeof value === 'string' || isObject(value);
  return (
    optional(event.user, textOrObject) &&
    optional(event.channel, textOrObject) &&
    optional(event.item, isObject) &&
    optional(event.subteam, isObject)
  );
}

/** Absent (undefined or null), or passing `check`. */
function optional(value: unknown, check: (value: unknown) => boolean): boolean {
  return value === undefined || value === null || check(value);
}

/** Names for a log line: the kind's own type and id, never text a person wrote. */
export function describe(payload: object): Record<string, string> {
  const body = payload as Record<string, unknown>;
  const fields: Record<string, string> = {};
  const event = isObject(body.event) ? body.event : undefined;
  if (typeof event?.type === 'string') fields.eventType = event.type.slice(0, 60);
  if (typeof body.command === 'string') fields.command = body.command.slice(0, 60);
  if (typeof body.type === 'string') fields.type = body.type.slice(0, 60);
  const action = Array.isArray(body.actions) && isObject(body.actions[0]) ? body.actions[0] : undefined;
  if (typeof action?.action_id === 'string') fields.actionId = action.action_id.slice(0, 60);
  return fields;
}

function retryOf(headers: IncomingHttpHeaders): { retryNum?: number; retryReason?: string } {
  const num = Number(headers['x-slack-retry-num']);
  const reason = headers['x-slack-retry-reason'];
  return {
    ...(Number.isInteger(num) ? { retryNum: num } : {}),
    ...(typeof reason === 'string' ? { retryReason: reason } : {}),
  };
}

function jsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return isObject(value) ? value : undefined;
  } catch {
    return undefined;
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What Bolt's `buildContentResponse` does: nothing, a string, or JSON. */
function send(res: ServerResponse, status: number, body?: unknown): void {
  if (res.headersSent) return;
  if (body === undefined || body === '' || body === null) {
    res.writeHead(status, { 'content-length': 0 });
    res.end();
  } else if (typeof body === 'string') {
    res.writeHead(status, { 'content-length': Buffer.byteLength(body) });
    res.end(body);
  } else {
    const json = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(json) });
    res.end(json);
  }
}

import { createHmac } from 'node:crypto';
import { type Agent, request } from 'node:http';

export const SIGNING_SECRET = 'test-signing-secret';

export interface Signing {
  secret?: string;
  /** Seconds since the epoch; defaults to now. */
  timestamp?: number;
}

/** Slack's v0 request signature: HMAC-SHA256 over `v0:{timestamp}:{raw body}`. */
export function signatureHeaders(body: string, { secret = SIGNING_SECRET, timestamp }: Signing = {}) {
  const ts = String(timestamp ?? Math.floor(Date.now() / 1000));
  const digest = createHmac('sha256', secret).update(`v0:${ts}:${body}`).digest('hex');
  return { 'x-slack-request-timestamp': ts, 'x-slack-signature': `v0=${digest}` };
}

export interface Sent {
  status: number;
  body: string;
  ms: number;
}

/**
 * POSTs like Slack does. node:http without an agent by default: no keep-alive socket outlives
 * the test (the load test passes a keep-alive agent instead), and the content type is sent
 * exactly as given (Bolt compares it exactly).
 */
export function postSigned(
  url: string,
  body: string,
  contentType: 'application/x-www-form-urlencoded' | 'application/json',
  {
    signing,
    headers = {},
    agent = false,
  }: { signing?: Signing; headers?: Record<string, string>; agent?: Agent | false } = {},
): Promise<Sent> {
  const started = performance.now();
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': contentType,
          'content-length': Buffer.byteLength(body),
          ...signatureHeaders(body, signing),
          ...headers,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body: Buffer.concat(chunks).toString('utf8'),
            ms: performance.now() - started,
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** A slash command, form-encoded with `params.toString()` as Slack sends it. */
export function postCommand(url: string, fields: Record<string, string>, signing?: Signing): Promise<Sent> {
  return postSigned(url, new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded', {
    ...(signing ? { signing } : {}),
  });
}

/** An interaction: form-encoded with the JSON in a `payload` field. */
export function postAction(url: string, payload: unknown): Promise<Sent> {
  const body = new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
  return postSigned(url, body, 'application/x-www-form-urlencoded');
}

/** An Events API delivery: JSON; retries carry `x-slack-retry-num`. */
export function postEvent(
  url: string,
  envelope: unknown,
  headers: Record<string, string> = {},
): Promise<Sent> {
  return postSigned(url, JSON.stringify(envelope), 'application/json', { headers });
}

import type { Reply } from '../../src/bot/reply.js';

/** What an operator needs about a reply: its kind, card and confidence; never its text. */
export function replyFields(reply: Reply): { kind: Reply['kind']; card?: string; confidence?: number } {
  switch (reply.kind) {
    case 'answer':
      return {
        kind: reply.kind,
        card: `${reply.card.pack}/${reply.card.card}`,
        confidence: round(reply.confidence),
      };
    case 'no-match':
      return { kind: reply.kind, confidence: round(reply.confidence) };
    default:
      return { kind: reply.kind };
  }
}

/**
 * An error as it may be logged. discord.js REST errors carry the request URL, and interaction
 * and webhook URLs contain a token, so only name, code, status and a scrubbed message are kept.
 */
export function errorFields(error: unknown): {
  name: string;
  message: string;
  code?: string | number;
  status?: number;
} {
  if (!(error instanceof Error)) return { name: 'NonError', message: scrub(String(error)) };
  const { code, status } = error as { code?: unknown; status?: unknown };
  return {
    name: error.name,
    message: scrub(error.message),
    ...(typeof code === 'string' || typeof code === 'number' ? { code } : {}),
    ...(typeof status === 'number' ? { status } : {}),
  };
}

function scrub(text: string): string {
  return text
    .replace(/(\/(?:interactions|webhooks)\/\d+\/)[^/\s?]+/g, '$1[secret]')
    .replace(/\b(Bot|Bearer)\s+[\w.-]+/g, '$1 [secret]');
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/** Milliseconds since `started` (a `performance.now()` reading), whole. */
export function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}

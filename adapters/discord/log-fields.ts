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

/** Milliseconds since `started` (a `performance.now()` reading), whole. */
export function elapsed(started: number): number {
  return Math.round(performance.now() - started);
}

import { ErrorCode } from '@slack/bolt';

/**
 * Waits before the second and third attempt. Slack asks for a retry after a 429 or a 5xx; a
 * response_url takes 5 posts within 30 minutes, so three attempts leave room for the share
 * button's two.
 */
const RETRY_DELAYS_MS = [250, 1000];

/**
 * Sends a reply through `respond()` (a response_url), once more after a short wait when Slack or
 * the network failed on their side (a 5xx, a 429, a connection that failed), so that a passing
 * fault does not lose an acknowledged answer. Not for 4xx: an expired or unknown response_url
 * will not accept the answer later either. Bolt's `respond` has no retry of its own; the Web API
 * client (`chat.postMessage`) has.
 */
export async function withRetries<T>(
  send: () => Promise<T>,
  delaysMs: readonly number[] = RETRY_DELAYS_MS,
): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await send();
    } catch (error) {
      const delay = delaysMs[attempt];
      if (delay === undefined || !passing(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
}

/** Whether a failure of `respond()` may pass: the server's fault, a rate limit, the network. */
function passing(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const { code, statusCode } = error as { code?: unknown; statusCode?: unknown };
  if (code === ErrorCode.RespondError) {
    return typeof statusCode === 'number' && (statusCode >= 500 || statusCode === 429);
  }
  // fetch rejects with this TypeError when the connection fails (refused, reset, DNS).
  return error instanceof TypeError && error.message === 'fetch failed';
}

import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import type { SeenSet } from '../../src/state/seen-set.js';

/** Slack retries a failed event three times within about an hour. */
export const EVENT_RETRY_WINDOW_MS = 60 * 60 * 1000;

/**
 * Global middleware that drops an Events API delivery whose `event_id` was already handled.
 * Slack redelivers (with `x-slack-retry-num`) when an ack was late or lost, though the first
 * delivery may well have been answered. Bolt acknowledges events before middleware runs, so the
 * dropped retry is still acked and Slack stops retrying. The set is per process: behind a load
 * balancer the set must be shared (see `src/state/stores.ts`), or a retry reaching another
 * instance is answered again (see docs/slack.md).
 */
export function dedupeEvents(
  seen: SeenSet,
  onDuplicate: (eventId: string) => void,
): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next }) => {
    const eventId = 'event_id' in body && typeof body.event_id === 'string' ? body.event_id : undefined;
    if (eventId !== undefined && (await seen.seen(eventId))) {
      onDuplicate(eventId);
      return;
    }
    await next();
  };
}

/**
 * How long a request signature is remembered: Bolt refuses timestamps over five minutes old,
 * so a replay later than that is refused anyway; the extra minute covers clock skew.
 */
export const REPLAY_WINDOW_MS = 6 * 60 * 1000;

/**
 * Global middleware that drops an HTTP request whose signature was already seen: the same
 * signed body sent again, which Bolt itself accepts for five minutes. Slack never sends one
 * request twice (an event retry is re-signed with a new timestamp, and is caught by
 * {@link dedupeEvents} instead), so only a replayed copy is dropped. The request is still
 * acknowledged, with an empty 200, so that nothing is answered and nothing waits. `signatureOf`
 * reads what the receiver put in the context; Socket Mode has no signatures and passes through.
 */
export function dropReplays(
  seen: SeenSet,
  signatureOf: (context: Record<string, unknown>) => string | undefined,
  onReplay: () => void,
): Middleware<AnyMiddlewareArgs> {
  return async (args) => {
    const signature = signatureOf(args.context);
    if (signature !== undefined && (await seen.seen(signature))) {
      onReplay();
      if ('ack' in args && typeof args.ack === 'function') await args.ack();
      return;
    }
    await args.next();
  };
}

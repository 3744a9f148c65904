import type { AnyMiddlewareArgs, Middleware } from '@slack/bolt';
import { SeenSetFullError } from '../../src/errors.js';
import type { SeenSet } from '../../src/state/seen-set.js';

/** Slack retries a failed event three times within about an hour. */
export const EVENT_RETRY_WINDOW_MS = 60 * 60 * 1000;

/**
 * Global middleware that drops an Events API delivery whose `event_id` was already handled.
 * Slack redelivers (with `x-slack-retry-num`) when an ack was late or lost, though the first
 * delivery may well have been answered. Bolt acknowledges events before middleware runs, so the
 * dropped retry is still acked and Slack stops retrying. The set is per process unless the
 * stores share it (see `src/state/stores.ts`): a retry reaching another instance is then
 * answered again (see docs/slack.md).
 *
 * Replayed HTTP requests (the same signed request sent again) are dropped earlier, by the
 * receiver (`http-receiver.ts`), before anything is acknowledged.
 *
 * When the set is full the event is answered all the same (`onFull`): it is acknowledged
 * already, and a retry answered twice is better than a question never answered.
 */
export function dedupeEvents(
  seen: SeenSet,
  onDuplicate: (eventId: string) => void,
  onFull: (eventId: string) => void,
): Middleware<AnyMiddlewareArgs> {
  return async ({ body, next }) => {
    const eventId = 'event_id' in body && typeof body.event_id === 'string' ? body.event_id : undefined;
    if (eventId !== undefined) {
      let duplicate = false;
      try {
        duplicate = await seen.seen(eventId);
      } catch (error) {
        if (!(error instanceof SeenSetFullError)) throw error;
        onFull(eventId);
      }
      if (duplicate) {
        onDuplicate(eventId);
        return;
      }
    }
    await next();
  };
}

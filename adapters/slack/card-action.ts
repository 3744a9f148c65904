import { EXCHANGE_ID } from '../../src/bot/feedback.js';
import type { CardPick } from '../../src/bot/query.js';
import type { CardRef } from '../../src/knowledge/card-key.js';
import { SLACK_LIMITS } from './limits.js';

/**
 * Buttons that answer a card carry `action_id` `factdesk_card:<n>`: Slack requires action ids to
 * be unique within a message, so a counter follows the prefix, and the listener matches the prefix.
 */
export const CARD_ACTION_PREFIX = 'factdesk_card';
export const CARD_ACTION_PATTERN = /^factdesk_card:\d+$/;
/** The "Share in channel" button of an ephemeral answer. */
export const SHARE_ACTION_ID = 'factdesk_share';

/**
 * The button value: `{"pack":…,"card":…}`, and `"from"` the exchange of the reply it is on (so the
 * log can tie the pick to the question before it); undefined when over Slack's 2,000 characters.
 */
export function encodeCardRef(ref: CardRef, from?: string): string | undefined {
  const value = JSON.stringify({ pack: ref.pack, card: ref.card, ...(from ? { from } : {}) });
  return value.length <= SLACK_LIMITS.actionValue ? value : undefined;
}

/**
 * Reads a button value back. Values come from our own messages, but a click is still outside
 * input: anything that is not exactly `{pack, card}` strings is refused rather than guessed at.
 */
export function decodeCardRef(value: string | undefined): CardPick | undefined {
  if (!value || value.length > SLACK_LIMITS.actionValue) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return undefined;
  }
  if (typeof parsed !== 'object' || parsed === null) return undefined;
  const { pack, card, from } = parsed as Record<string, unknown>;
  if (typeof pack !== 'string' || typeof card !== 'string' || !pack || !card) return undefined;
  // A `from` that is not an exchange id is dropped, not refused: the pick itself stands.
  return typeof from === 'string' && EXCHANGE_ID.test(from) ? { pack, card, from } : { pack, card };
}

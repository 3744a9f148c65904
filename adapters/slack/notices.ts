import type { SlackMessage } from './render-blocks.js';

/**
 * What the adapter says itself, when the core has not answered: plain text, no card.
 */

/** A slash command refused for load, in its acknowledgement (ephemeral: only the asker sees it). */
export const BUSY_TEXT = "I'm busy right now: please try again in a moment.";

/**
 * The reply to a question the core failed on (a state store that went away, say): an
 * acknowledged question is always answered, if only with this.
 */
export const APOLOGY_TEXT =
  'Sorry, something went wrong on my side and I could not answer that. Please try again in a moment.';

export function apologyMessage(): SlackMessage {
  return {
    text: APOLOGY_TEXT,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: APOLOGY_TEXT } }],
  };
}

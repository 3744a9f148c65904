import type { types } from '@slack/bolt';
import type { Vote } from '../../src/bot/feedback.js';
import { EXCHANGE_ID, FEEDBACK_THANKS, MAX_REASON_LENGTH } from '../../src/bot/feedback.js';

/**
 * 👍/👎 under an answer. Slack's own `feedback_buttons` element sits in a `context_actions`
 * block; Slack shows that block chiefly on messages of its AI-app surfaces, so replies that go
 * through a `response_url` (ephemeral answers, an answer shared from one) get two ordinary
 * buttons in an `actions` block instead, which every message shows.
 */
export type FeedbackStyle = 'context-actions' | 'buttons';

/** The `feedback_buttons` element; its buttons' values are `up:<exchange>` and `down:<exchange>`. */
export const FEEDBACK_ACTION_ID = 'factdesk_feedback';
/** The fallback buttons; their value is the exchange id. */
export const VOTE_ACTION_IDS = { up: 'factdesk_vote_up', down: 'factdesk_vote_down' } as const;
export const VOTE_ACTION_PATTERN = /^factdesk_vote_(up|down)$/;
/** The 👎 form: `private_metadata` holds the exchange id. */
export const REASON_VIEW_ID = 'factdesk_feedback_reason';
export const REASON_INPUT = { block: 'reason', action: 'reason' } as const;

export function feedbackBlock(exchange: string, style: FeedbackStyle): types.KnownBlock {
  if (style === 'context-actions') {
    return {
      type: 'context_actions',
      elements: [
        {
          type: 'feedback_buttons',
          action_id: FEEDBACK_ACTION_ID,
          positive_button: {
            text: { type: 'plain_text', text: '👍' },
            accessibility_label: 'This answer helped',
            value: `up:${exchange}`,
          },
          negative_button: {
            text: { type: 'plain_text', text: '👎' },
            accessibility_label: 'This answer did not help',
            value: `down:${exchange}`,
          },
        },
      ],
    };
  }
  return {
    type: 'actions',
    elements: (['up', 'down'] as const).map((vote) => ({
      type: 'button' as const,
      action_id: VOTE_ACTION_IDS[vote],
      text: {
        type: 'plain_text' as const,
        text: vote === 'up' ? '👍 Helpful' : '👎 Not helpful',
        emoji: true,
      },
      value: exchange,
    })),
  };
}

/** The vote a click stands for; undefined for any value this bot did not make. */
export function readFeedbackClick(
  actionId: string,
  value: string | undefined,
): Pick<Vote, 'vote' | 'exchange'> | undefined {
  if (typeof value !== 'string') return undefined;
  if (actionId === FEEDBACK_ACTION_ID) {
    const found = /^(up|down):(.+)$/.exec(value);
    const vote = found?.[1];
    const exchange = found?.[2];
    return (vote === 'up' || vote === 'down') && exchange && EXCHANGE_ID.test(exchange)
      ? { vote, exchange }
      : undefined;
  }
  const vote = VOTE_ACTION_PATTERN.exec(actionId)?.[1];
  return (vote === 'up' || vote === 'down') && EXCHANGE_ID.test(value)
    ? { vote, exchange: value }
    : undefined;
}

/**
 * The form a 👎 opens: one optional question, what was wrong. Its title is the acknowledgement
 * (Slack allows 24 characters there); closing it without an answer leaves the 👎 as it is.
 */
export function reasonView(exchange: string): types.ModalView {
  return {
    type: 'modal',
    callback_id: REASON_VIEW_ID,
    private_metadata: exchange,
    title: { type: 'plain_text', text: FEEDBACK_THANKS.replace(/\.$/, '') },
    submit: { type: 'plain_text', text: 'Send' },
    close: { type: 'plain_text', text: 'Skip' },
    blocks: [
      {
        type: 'input',
        block_id: REASON_INPUT.block,
        optional: true,
        label: { type: 'plain_text', text: 'What was wrong with the answer? (optional)' },
        element: {
          type: 'plain_text_input',
          action_id: REASON_INPUT.action,
          multiline: true,
          max_length: MAX_REASON_LENGTH,
        },
      },
    ],
  };
}

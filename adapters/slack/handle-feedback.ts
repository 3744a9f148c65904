import type {
  AllMiddlewareArgs,
  App,
  BlockAction,
  ButtonAction,
  FeedbackButtonsAction,
  SlackActionMiddlewareArgs,
  ViewSubmitAction,
} from '@slack/bolt';
import { type HandlerDeps, SLACK } from './exchange.js';
import {
  FEEDBACK_ACTION_ID,
  REASON_INPUT,
  REASON_VIEW_ID,
  readFeedbackClick,
  reasonView,
  VOTE_ACTION_PATTERN,
} from './feedback-blocks.js';

type VoteClick = BlockAction<FeedbackButtonsAction | ButtonAction>;

/**
 * 👍/👎 under answers, and the 👎 form. A click is acknowledged to the clicker alone ("Thanks —
 * noted"), the answer is not posted again; a 👎 opens the form instead, whose title says the same.
 * Who may vote, and once, is the core's to check (the payload names an exchange; the log knows
 * who asked it and whether others saw it).
 */
export function registerFeedback(app: App, deps: HandlerDeps): void {
  const onClick = async ({
    ack,
    body,
    action,
    respond,
    client,
  }: SlackActionMiddlewareArgs<VoteClick> & AllMiddlewareArgs) => {
    await ack();
    const click = readFeedbackClick(action.action_id, 'value' in action ? action.value : undefined);
    if (!click) {
      deps.logger.warn({ platform: SLACK, action: action.action_id }, 'unreadable feedback value');
      return;
    }
    const receipt = await deps.bot.feedback({ ...click, user: body.user.id, platform: SLACK });
    deps.logger.info({ platform: SLACK, vote: click.vote, accepted: receipt.accepted }, 'feedback');
    if (click.vote === 'down' && body.trigger_id) {
      // The trigger is valid for 3 s; when the form cannot open, the plain acknowledgement goes.
      const opened = await client.views
        .open({ trigger_id: body.trigger_id, view: reasonView(click.exchange) })
        .then(() => true)
        .catch((error: unknown) => {
          deps.logger.warn(
            { platform: SLACK, err: error instanceof Error ? error.message : String(error) },
            'feedback form did not open',
          );
          return false;
        });
      if (opened) return;
    }
    await respond({ response_type: 'ephemeral', replace_original: false, text: receipt.text });
  };
  app.action<VoteClick>({ action_id: FEEDBACK_ACTION_ID }, onClick);
  app.action<VoteClick>({ action_id: VOTE_ACTION_PATTERN }, onClick);

  app.view<ViewSubmitAction>(REASON_VIEW_ID, async ({ ack, body, view }) => {
    // Closes the form at once; an empty form leaves the 👎 as it was.
    await ack();
    const reason = view.state.values[REASON_INPUT.block]?.[REASON_INPUT.action]?.value;
    const receipt = await deps.bot.feedback({
      exchange: view.private_metadata,
      user: body.user.id,
      platform: SLACK,
      vote: 'down',
      ...(typeof reason === 'string' && reason.trim() ? { reason } : {}),
    });
    deps.logger.info(
      { platform: SLACK, vote: 'down', reason: typeof reason === 'string', accepted: receipt.accepted },
      'feedback reason',
    );
  });
}

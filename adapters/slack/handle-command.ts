import type { App } from '@slack/bolt';
import { personalConversation, slackQuestion } from './conversation.js';
import { withRetries } from './deliver.js';
import {
  askCore,
  claimed,
  type HandlerDeps,
  ignoreMalformed,
  logExchange,
  slackQuery,
  teamOf,
} from './exchange.js';
import { apologyMessage } from './notices.js';
import { renderReply } from './render-blocks.js';

/**
 * `/ask <question>`: acknowledged at once (Slack gives up after 3 s), answered through the
 * command's `response_url` as an ephemeral message only the asker sees, with a button to share
 * an answer in the channel. `respond()` needs no channel membership, so the command works in
 * channels the bot was never invited to.
 */
export function registerCommand(app: App, command: string, deps: HandlerDeps): void {
  app.command(command, claimed, async ({ command: cmd, ack, respond, context }) => {
    await ack();
    if (!cmd.user_id || !cmd.channel_id || !cmd.response_url) {
      return ignoreMalformed(deps, 'command', 'user, channel or reply url');
    }
    // The acknowledgement is written; acknowledgements of requests waiting behind go first.
    await deps.turns.next();
    const startedAt = deps.now();
    const team = teamOf(context, cmd.team_id);
    const query = slackQuery(
      slackQuestion(cmd.text ?? '', context.botUserId),
      cmd.user_id,
      personalConversation(team, cmd.channel_id, cmd.user_id),
    );
    const reply = await askCore(deps, query);
    const message = reply
      ? renderReply(reply, {
          ...(cmd.text?.trim() ? { question: cmd.text } : {}),
          shareable: reply.kind === 'answer',
          feedback: 'buttons',
        })
      : apologyMessage();
    await withRetries(() => respond({ response_type: 'ephemeral', ...message }));
    logExchange(deps, 'command', query, reply, startedAt);
  });
}

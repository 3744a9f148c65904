import type { App } from '@slack/bolt';
import { directConversation, isDirectChannel, slackQuestion, threadConversation } from './conversation.js';
import { type HandlerDeps, logExchange, slackQuery, teamOf } from './exchange.js';
import { postReply } from './post-reply.js';
import { renderReply } from './render-blocks.js';

/**
 * Mentions in channels and direct messages. Bolt's `ignoreSelf` already drops the bot's own
 * messages; other bots are dropped here so two bots can never answer each other in a loop.
 */
export function registerMessages(app: App, deps: HandlerDeps): void {
  // A mention is answered in its thread (starting one under a top-level mention), and the
  // thread is the conversation: a later mention in the same thread is a follow-up.
  app.event('app_mention', async ({ event, body, context, client }) => {
    if (event.bot_id || event.subtype || !event.user) return;
    if (isDirectChannel(event.channel)) return; // answered as a message.im event instead
    // Bolt acknowledged the event before any listener ran; acknowledgements waiting go first.
    await deps.turns.next();
    const startedAt = deps.now();
    const threadTs = event.thread_ts ?? event.ts;
    const query = slackQuery(
      slackQuestion(event.text, context.botUserId),
      event.user,
      threadConversation(teamOf(context, body.team_id), event.channel, threadTs),
      true,
    );
    const reply = await deps.bot.ask(query);
    await postReply(client, event.channel, threadTs, renderReply(reply));
    logExchange(deps, 'mention', query, reply, startedAt);
  });

  // A DM is one conversation; the answer goes where the question was (in its thread, if any).
  // Any subtype (edits, deletions, joins, bot_message, file comments) is not a new question.
  app.event('message', async ({ event, body, context, client }) => {
    if (event.subtype !== undefined || event.channel_type !== 'im' || event.bot_id) return;
    await deps.turns.next();
    const startedAt = deps.now();
    const query = slackQuery(
      slackQuestion(event.text ?? '', context.botUserId),
      event.user,
      directConversation(teamOf(context, body.team_id), event.channel),
    );
    const reply = await deps.bot.ask(query);
    await postReply(client, event.channel, event.thread_ts, renderReply(reply));
    logExchange(deps, 'dm', query, reply, startedAt);
  });
}

import type { App } from '@slack/bolt';
import { directConversation, isDirectChannel, slackQuestion, threadConversation } from './conversation.js';
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
import { postReply } from './post-reply.js';
import { renderReply } from './render-blocks.js';

/**
 * Mentions in channels and direct messages. Bolt's `ignoreSelf` already drops the bot's own
 * messages; other bots are dropped here so two bots can never answer each other in a loop.
 */
export function registerMessages(app: App, deps: HandlerDeps): void {
  // A mention is answered in its thread (starting one under a top-level mention), and the
  // thread is the conversation: a later mention in the same thread is a follow-up.
  app.event('app_mention', claimed, async ({ event, body, context, client }) => {
    if (event.bot_id || event.subtype) return;
    if (typeof event.user !== 'string' || typeof event.channel !== 'string' || typeof event.ts !== 'string') {
      return ignoreMalformed(deps, 'mention', 'user, channel or ts');
    }
    if (isDirectChannel(event.channel)) return; // answered as a message.im event instead
    // Bolt acknowledged the event before any listener ran; acknowledgements waiting go first.
    await deps.turns.next();
    const startedAt = deps.now();
    const threadTs = event.thread_ts ?? event.ts;
    const query = slackQuery(
      slackQuestion(typeof event.text === 'string' ? event.text : '', context.botUserId),
      event.user,
      threadConversation(teamOf(context, body.team_id), event.channel, threadTs),
      true,
    );
    const reply = await askCore(deps, query);
    await postReply(client, event.channel, threadTs, reply ? renderReply(reply) : apologyMessage());
    logExchange(deps, 'mention', query, reply, startedAt);
  });

  // A DM is one conversation; the answer goes where the question was (in its thread, if any).
  // Any subtype (edits, deletions, joins, bot_message, file comments) is not a new question.
  app.event('message', claimed, async ({ event, body, context, client }) => {
    if (event.subtype !== undefined || event.channel_type !== 'im' || event.bot_id) return;
    if (typeof event.user !== 'string' || typeof event.channel !== 'string') {
      return ignoreMalformed(deps, 'dm', 'user or channel');
    }
    await deps.turns.next();
    const startedAt = deps.now();
    const query = slackQuery(
      slackQuestion(typeof event.text === 'string' ? event.text : '', context.botUserId),
      event.user,
      directConversation(teamOf(context, body.team_id), event.channel),
    );
    const reply = await askCore(deps, query);
    await postReply(client, event.channel, event.thread_ts, reply ? renderReply(reply) : apologyMessage());
    logExchange(deps, 'dm', query, reply, startedAt);
  });
}

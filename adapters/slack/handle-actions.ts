import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import type { CardPick } from '../../src/bot/query.js';
import { CARD_ACTION_PATTERN, decodeCardRef, SHARE_ACTION_ID } from './card-action.js';
import {
  directConversation,
  isDirectChannel,
  personalConversation,
  threadConversation,
} from './conversation.js';
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
import { postReply } from './post-reply.js';
import { renderReply } from './render-blocks.js';

type ButtonClick = BlockAction<ButtonAction>;

/**
 * Where a click on a card button is answered. In a thread or a DM everyone there follows the
 * exchange, so the answer is posted there and continues that conversation. On an ephemeral
 * reply, or on an answer shared at the top of a channel, it goes privately to the person who
 * clicked (who can share it in turn), so that one click does not post to a whole channel.
 */
type Place =
  | { kind: 'public'; channel: string; threadTs: string | undefined; conversation: string }
  | { kind: 'private'; conversation: string };

export function registerActions(app: App, deps: HandlerDeps): void {
  // "Did you mean", related and topic buttons: answer the chosen card.
  app.action<ButtonClick>(
    CARD_ACTION_PATTERN,
    claimed,
    async ({ ack, body, action, respond, client, context }) => {
      await ack();
      const ref = await cardClicked(deps, 'card', action, body);
      if (!ref) return;
      const startedAt = deps.now();
      const place = placeOf(body, teamOf(context, body.team?.id));
      // Posted where others see it (a channel thread, not a DM): each of them may vote on it.
      const shared = place.kind === 'public' && !isDirectChannel(place.channel);
      const query = slackQuery({ intent: ref }, body.user.id, place.conversation, shared);
      const reply = await askCore(deps, query);
      if (place.kind === 'public') {
        await postReply(client, place.channel, place.threadTs, reply ? renderReply(reply) : apologyMessage());
      } else {
        const message = reply
          ? renderReply(reply, { shareable: reply.kind === 'answer', feedback: 'buttons' })
          : apologyMessage();
        await withRetries(() => respond({ response_type: 'ephemeral', replace_original: false, ...message }));
      }
      logExchange(deps, 'card', query, reply, startedAt);
    },
  );

  // "Share in channel" on an ephemeral answer: post it for everyone, then remove the private copy.
  app.action<ButtonClick>(SHARE_ACTION_ID, claimed, async ({ ack, body, action, respond, context }) => {
    await ack();
    const ref = await cardClicked(deps, 'share', action, body);
    if (!ref) return;
    const startedAt = deps.now();
    const channel = channelOf(body) ?? 'unknown-channel';
    // A share is no pick: whatever `from` the button carried stays out of the log.
    const query = slackQuery(
      { intent: { pack: ref.pack, card: ref.card } },
      body.user.id,
      personalConversation(teamOf(context, body.team?.id), channel, body.user.id),
      true,
    );
    // The card is answered afresh rather than copied from the message: the button carries only
    // its id (values hold 2,000 characters), and the channel gets the card as it stands now.
    const reply = await askCore(deps, query);
    if (reply?.kind !== 'answer') {
      const message = reply ? renderReply(reply) : apologyMessage();
      await withRetries(() => respond({ response_type: 'ephemeral', replace_original: false, ...message }));
    } else {
      const shared = renderReply(reply, { sharedBy: body.user.id, feedback: 'buttons' });
      await withRetries(() => respond({ response_type: 'in_channel', replace_original: false, ...shared }));
      // Deleted only once the public copy is out, so that a failed share leaves the button to retry.
      await respond({ delete_original: true });
    }
    logExchange(deps, 'share', query, reply, startedAt);
  });
}

/**
 * The card a click asks for, once the click is known to be readable and the answer's turn has
 * come (see `take-turns.ts`); undefined, logged once, for a click that cannot be answered.
 */
async function cardClicked(
  deps: HandlerDeps,
  source: 'card' | 'share',
  action: ButtonAction,
  body: ButtonClick,
): Promise<CardPick | undefined> {
  const ref = readRef(deps, action);
  if (!ref) return undefined;
  if (typeof body.user?.id !== 'string') {
    ignoreMalformed(deps, source, 'user');
    return undefined;
  }
  await deps.turns.next();
  return ref;
}

function readRef(deps: HandlerDeps, action: ButtonAction): CardPick | undefined {
  const ref = decodeCardRef(action.value);
  if (!ref) deps.logger.warn({ platform: 'slack', action: action.action_id }, 'unreadable button value');
  return ref;
}

function placeOf(body: ButtonClick, team: string): Place {
  const channel = channelOf(body);
  const user = body.user.id;
  if (!channel || body.container.is_ephemeral === true) {
    return { kind: 'private', conversation: personalConversation(team, channel ?? 'unknown-channel', user) };
  }
  const threadTs = text(body.message?.thread_ts) ?? text(body.container.thread_ts);
  if (isDirectChannel(channel)) {
    return { kind: 'public', channel, threadTs, conversation: directConversation(team, channel) };
  }
  if (threadTs) {
    return { kind: 'public', channel, threadTs, conversation: threadConversation(team, channel, threadTs) };
  }
  return { kind: 'private', conversation: personalConversation(team, channel, user) };
}

function channelOf(body: ButtonClick): string | undefined {
  return body.channel?.id ?? text(body.container.channel_id);
}

/** Payload fields typed as `any` by Bolt are read through this, so nothing untyped spreads. */
function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

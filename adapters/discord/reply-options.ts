import {
  type InteractionReplyOptions,
  type MessageCreateOptions,
  MessageFlags,
  type MessageMentionOptions,
} from 'discord.js';
import type { DiscordReply } from './render-embed.js';

/**
 * Nobody is ever pinged by a reply, not even the asker. The client sets this as its default too;
 * repeating it on every reply means no code path can lose it.
 */
export function noMentions(): MessageMentionOptions {
  return { parse: [], repliedUser: false };
}

export function interactionReplyOptions(reply: DiscordReply): InteractionReplyOptions {
  return {
    ...(reply.content ? { content: reply.content } : {}),
    embeds: reply.embeds,
    components: reply.components,
    allowedMentions: noMentions(),
    ...(reply.ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

/** For channel messages, which cannot be ephemeral: a miss is shown like any other reply. */
export function messageReplyOptions(reply: DiscordReply): MessageCreateOptions {
  return {
    ...(reply.content ? { content: reply.content } : {}),
    embeds: reply.embeds,
    components: reply.components,
    allowedMentions: noMentions(),
  };
}

import { messageQuestion } from '../../src/bot/message-text.js';
import type { Asked, Query } from '../../src/bot/query.js';

/** `Query.platform` of Discord's queries: the descriptor's name. */
export const DISCORD = 'discord';

/**
 * Discord's markup for people and rooms, as it arrives in message content and command options:
 * `<@id>`, `<@!id>`, `<@&role>`, `<#channel>`, `@everyone` and `@here`. They name people or
 * rooms, never facts, so they are not matched on.
 */
const DISCORD_MARKUP = /<@[!&]?\d{1,25}>|<#\d{1,25}>|(?<![\w@])@(?:everyone|here)\b/i;

/** What a message or `/ask` asks: its text without mentions, or help for a bare mention. */
export function discordQuestion(content: string): Asked {
  return messageQuestion(content, DISCORD_MARKUP);
}

/**
 * One conversation per channel, thread or DM: `discord:<guild>:<channel>`, `discord:dm:<channel>`.
 * Slash commands, buttons and mentions in a channel share it, so the core's follow-up memory
 * (keyed on `Query.conversation`) sees one continuous conversation whichever way people ask.
 */
export function conversationId(guildId: string | null, channelId: string): string {
  return `discord:${guildId ?? 'dm'}:${channelId}`;
}

/** `shared` when the reply is posted where others see it (a server channel): each may vote on it. */
export function discordQuery(
  asked: Asked,
  where: { userId: string; guildId: string | null; channelId: string; shared?: boolean },
): Query {
  return {
    ...asked,
    user: where.userId,
    conversation: conversationId(where.guildId, where.channelId),
    platform: DISCORD,
    shared: where.shared === true,
  };
}

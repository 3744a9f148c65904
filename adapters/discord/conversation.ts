import type { Query } from '../../src/bot/query.js';

/**
 * One conversation per channel, thread or DM: `discord:<guild>:<channel>`, `discord:dm:<channel>`.
 * Slash commands, buttons and mentions in a channel share it, so the core's follow-up memory
 * (keyed on `Query.conversation`) sees one continuous conversation whichever way people ask.
 */
export function conversationId(guildId: string | null, channelId: string): string {
  return `discord:${guildId ?? 'dm'}:${channelId}`;
}

export function discordQuery(
  text: string,
  where: { userId: string; guildId: string | null; channelId: string },
): Query {
  return {
    text,
    user: where.userId,
    conversation: conversationId(where.guildId, where.channelId),
    platform: 'discord',
  };
}

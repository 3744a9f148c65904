/**
 * Stable `Query.conversation` ids. The core keys follow-up memory on them, so every path into
 * the same Slack conversation must build the same id.
 */

/** A channel thread: a mention and every later mention in its thread share this id. */
export function threadConversation(team: string, channel: string, threadTs: string): string {
  return `slack:${team}:${channel}:${threadTs}`;
}

/** A direct message channel with the bot: the whole DM is one conversation. */
export function directConversation(team: string, channel: string): string {
  return `slack:${team}:${channel}`;
}

/**
 * Slash commands and clicks on ephemeral replies have no thread; what one person asks in one
 * channel is their own conversation, as nobody else sees the replies.
 */
export function personalConversation(team: string, channel: string, user: string): string {
  return `slack:${team}:${channel}:user:${user}`;
}

/** Direct message channel ids start with D; mentions there also arrive as `message.im`. */
export function isDirectChannel(channel: string): boolean {
  return channel.startsWith('D');
}

/** Removes the bot's own `<@U…>` (or `<@U…|name>`) mention, wherever it stands in the text. */
export function stripBotMention(text: string, botUserId: string | undefined): string {
  if (!botUserId) return text;
  return text.replace(new RegExp(`<@${escapeRegExp(botUserId)}(\\|[^>]*)?>`, 'g'), ' ').trim();
}

/**
 * Slack shows help for a command typed alone, and a bare mention means the same: an empty
 * question gets the help reply instead of the core's "please type a question".
 */
export function questionOrHelp(text: string): string {
  return text.trim() === '' ? 'help' : text;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

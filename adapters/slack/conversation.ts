import { messageQuestion } from '../../src/bot/message-text.js';
import type { Asked } from '../../src/bot/query.js';

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
 * Slack's markup for people and rooms, as it arrives in message and command text: `<@U…>`,
 * `<@U…|name>`, `<#C…|name>`, `<!channel>`, `<!here>`, `<!subteam^S…>`, and broadcasts typed
 * as plain words. They name people or rooms, never facts, so they are not matched on.
 */
const SLACK_MARKUP = /<[@#!][^<>\s]{0,80}>|(?<![\w@])@(?:everyone|here|channel)\b/i;

/**
 * What a command or message asks. Slack shows help for a command typed alone, and a bare
 * mention of the bot means the same: both are the help intent.
 */
export function slackQuestion(text: string, botUserId: string | undefined): Asked {
  const question = stripBotMention(text, botUserId);
  return question.trim() === '' ? { intent: 'help' } : messageQuestion(question, SLACK_MARKUP);
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

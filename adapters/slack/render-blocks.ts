import type { types } from '@slack/bolt';
import {
  type AnswerReply,
  type BuiltinReply,
  type CardChoice,
  type Citation,
  type Reply,
  staleNote,
} from '../../src/bot/reply.js';
import { type CardRef, cardKey } from '../../src/knowledge/card-key.js';
import { CARD_ACTION_PREFIX, encodeCardRef, SHARE_ACTION_ID } from './card-action.js';
import { escapeMrkdwn, mrkdwn, mrkdwnLink, truncate } from './escape.js';
import { type FeedbackStyle, feedbackBlock } from './feedback-blocks.js';
import { SLACK_LIMITS } from './limits.js';

type KnownBlock = types.KnownBlock;
type Button = types.Button;

/** What goes to `chat.postMessage` or `respond()`: blocks, and `text` for notifications. */
export interface SlackMessage {
  text: string;
  blocks: KnownBlock[];
}

export interface RenderOptions {
  /** Echoes the question: a slash command is not shown in the channel, so its reply says what was asked. */
  question?: string;
  /** Adds "Share in channel" to an answer; only ephemeral replies need it. */
  shareable?: boolean;
  /** Credits the user who shared an answer into the channel. */
  sharedBy?: string;
  /** How 👍/👎 are shown under an answer with an exchange id; see `feedback-blocks.ts`. */
  feedback?: FeedbackStyle;
}

/** Longest echo of a question and longest card title, so the answer keeps most of a section. */
const ECHO_MAX = 500;
const TITLE_MAX = 300;

/**
 * Renders a core `Reply` as Block Kit. All card and user text is mrkdwn-escaped, and every
 * Slack limit in {@link SLACK_LIMITS} holds for any reply, however long its texts or lists.
 */
export function renderReply(reply: Reply, options: RenderOptions = {}): SlackMessage {
  const buttons = buttonMaker(reply.exchange);
  const blocks: KnownBlock[] = [];
  if (options.question !== undefined && reply.kind !== 'builtin') {
    blocks.push(context([`*You asked:* ${mrkdwn(options.question, ECHO_MAX)}`]));
  }
  switch (reply.kind) {
    case 'answer':
      blocks.push(...answerBlocks(reply, options, buttons));
      break;
    case 'no-match':
      blocks.push(section(escapeMrkdwn(reply.text)), ...choiceBlocks(undefined, reply.suggestions, buttons));
      break;
    case 'builtin':
      blocks.push(...builtinBlocks(reply, buttons));
      break;
    case 'invalid':
      blocks.push(section(escapeMrkdwn(reply.text)));
      break;
  }
  if (options.sharedBy && /^[UW][A-Z0-9]+$/.test(options.sharedBy)) {
    blocks.push(context([`Shared by <@${options.sharedBy}>`]));
  }
  return { text: mrkdwn(fallbackText(reply), SLACK_LIMITS.messageText), blocks: fitBlocks(blocks) };
}

function answerBlocks(reply: AnswerReply, options: RenderOptions, buttons: ButtonMaker): KnownBlock[] {
  const blocks: KnownBlock[] = [
    section(`*${mrkdwn(reply.card.title, TITLE_MAX)}*\n${escapeMrkdwn(reply.text)}`),
  ];
  if (reply.staleSince) {
    blocks.push(context([`:warning: ${escapeMrkdwn(staleNote(reply.staleSince))}`]));
  }
  blocks.push(citationBlock(reply.citation));
  const share = options.shareable ? buttons.share(reply.card) : undefined;
  if (share) blocks.push({ type: 'actions', elements: [share] });
  if (reply.exchange) blocks.push(feedbackBlock(reply.exchange, options.feedback ?? 'context-actions'));
  const shown = new Set([key(reply.card)]);
  const fresh = (choices: CardChoice[]) =>
    choices.filter((c) => {
      if (shown.has(key(c))) return false;
      shown.add(key(c));
      return true;
    });
  blocks.push(...choiceBlocks('Did you mean:', fresh(reply.suggestions), buttons));
  blocks.push(...choiceBlocks('Related:', fresh(reply.related), buttons));
  return blocks;
}

/** The source as a context block: its title (linked when it has a url), then the cited sentences. */
function citationBlock(citation: Citation): KnownBlock {
  const title = `_${mrkdwn(citation.sourceTitle, TITLE_MAX)}_`;
  const source = `*Source:* ${citation.url ? mrkdwnLink(citation.url, title) : title}`;
  const quotes = citation.sentences.map((s) => `“${escapeMrkdwn(s)}”`);
  // A context block holds ten elements: sentences beyond the ninth share the last one.
  const room = SLACK_LIMITS.contextElements - 1;
  const elements =
    quotes.length <= room ? quotes : [...quotes.slice(0, room - 1), quotes.slice(room - 1).join(' ')];
  return context([source, ...elements]);
}

function builtinBlocks(reply: BuiltinReply, buttons: ButtonMaker): KnownBlock[] {
  const blocks: KnownBlock[] = [section(escapeMrkdwn(reply.text))];
  if (reply.examples.length > 0) {
    blocks.push(section(reply.examples.map((e) => `• ${escapeMrkdwn(e)}`).join('\n')));
  }
  const packs = new Set(reply.topics.map((g) => g.pack));
  for (const group of reply.topics) {
    const heading = packs.size > 1 ? `${group.packTitle}: ${group.subject}` : group.subject;
    blocks.push(section(`*${mrkdwn(heading, TITLE_MAX)}*`), ...choiceBlocks(undefined, group.cards, buttons));
  }
  blocks.push(...choiceBlocks(undefined, reply.suggestions, buttons));
  return blocks;
}

/** An optional label, then the choices as buttons, 25 to an actions block. */
function choiceBlocks(label: string | undefined, choices: CardChoice[], buttons: ButtonMaker): KnownBlock[] {
  const elements = choices.map((c) => buttons.card(c)).filter((b): b is Button => b !== undefined);
  if (elements.length === 0) return [];
  const blocks: KnownBlock[] = label ? [context([label])] : [];
  for (let i = 0; i < elements.length; i += SLACK_LIMITS.actionsElements) {
    blocks.push({ type: 'actions', elements: elements.slice(i, i + SLACK_LIMITS.actionsElements) });
  }
  return blocks;
}

interface ButtonMaker {
  card(choice: CardChoice): Button | undefined;
  share(choice: CardChoice): Button | undefined;
}

/**
 * Action ids must be unique within a message, hence one counter per rendered message. Card
 * buttons carry the exchange of the reply they are on, `from`; the share button does not (a share
 * is not a pick).
 */
function buttonMaker(from: string | undefined): ButtonMaker {
  let next = 0;
  const button = (
    actionId: string,
    label: string,
    choice: CardChoice,
    pickedFrom?: string,
  ): Button | undefined => {
    const value = encodeCardRef(choice, pickedFrom);
    if (value === undefined) return undefined;
    // plain_text is shown as typed, never parsed, so it is cut but not escaped.
    return { type: 'button', action_id: actionId, text: plain(label), value };
  };
  return {
    card: (choice) => button(`${CARD_ACTION_PREFIX}:${next++}`, choice.title, choice, from),
    share: (choice) => {
      const b = button(SHARE_ACTION_ID, 'Share in channel', choice);
      return b && { ...b, style: 'primary' };
    },
  };
}

/** Over 50 blocks (topics of many packs), the tail gives way to a note that more exists. */
function fitBlocks(blocks: KnownBlock[]): KnownBlock[] {
  if (blocks.length <= SLACK_LIMITS.blocksPerMessage) return blocks;
  return [
    ...blocks.slice(0, SLACK_LIMITS.blocksPerMessage - 1),
    context(['More is available than fits in one message; ask about a topic to see its cards.']),
  ];
}

function fallbackText(reply: Reply): string {
  return reply.kind === 'answer' ? `${reply.card.title}: ${reply.text}` : reply.text;
}

/** Inputs are escaped mrkdwn; the cut is entity-safe. */
function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(text, SLACK_LIMITS.textObject) } };
}

function context(texts: string[]): KnownBlock {
  return {
    type: 'context',
    elements: texts
      .slice(0, SLACK_LIMITS.contextElements)
      .map((text) => ({ type: 'mrkdwn' as const, text: truncate(text, SLACK_LIMITS.textObject) })),
  };
}

function plain(text: string): types.PlainTextElement {
  return { type: 'plain_text', text: truncate(text, SLACK_LIMITS.buttonText), emoji: true };
}

function key(choice: CardRef): string {
  return cardKey(choice.pack, choice.card);
}

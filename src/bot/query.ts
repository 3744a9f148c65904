import type { CardRef } from '../knowledge/card-key.js';

/**
 * What the asker wants, when the adapter knows it without reading text: a slash command such as
 * Discord's `/help`, a bare @-mention of the bot (`help`), a click on a card button (the card).
 * The core then answers it as it is and reads no text.
 */
export type Intent = 'help' | 'topics' | 'about' | CardPick;

/**
 * A card chosen from a reply's buttons. `from` names the exchange of the reply whose button was
 * clicked (`Reply.exchange`), so that the log can tie the pick to the question that led to it.
 */
export type CardPick = CardRef & { from?: string };

/** Who asks, and where: the same for every query of one person in one conversation. */
export interface Asker {
  /** Stable id of the asker on their platform. */
  user: string;
  /** Stable id of the conversation (thread, channel, DM or console session) for follow-ups. */
  conversation: string;
  /**
   * The platform's name as its descriptor gives it (`slack`, `discord`, `console`, …). Adapters
   * fill this in; the core only keys rate limits on it and never looks at platform payloads.
   */
  platform: string;
  /**
   * Whether others in the conversation see the reply (a channel thread, a message in a server)
   * rather than the asker alone (an ephemeral reply, a DM, the console). On a shared answer each
   * viewer may vote once; on any other only the asker's vote counts. Absent means not shared.
   */
  shared?: boolean;
}

/**
 * A question as the core sees it, whatever platform it arrived on: plain text, with the
 * platform's own markup (mentions, broadcasts) already removed by the adapter; or an intent.
 */
export type Query = Asker & Asked;

/** The part of a query an adapter reads from the platform event: typed text, or an intent. */
export type Asked = { text: string; intent?: undefined } | { intent: Intent; text?: undefined };

import type { CardRef } from '../knowledge/card-key.js';

/**
 * What the asker wants, when the adapter knows it without reading text: a slash command such as
 * Discord's `/help`, a bare @-mention of the bot (`help`), a click on a card button (the card).
 * The core then answers it as it is and reads no text.
 */
export type Intent = 'help' | 'topics' | 'about' | CardRef;

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
}

/**
 * A question as the core sees it, whatever platform it arrived on: plain text, with the
 * platform's own markup (mentions, broadcasts) already removed by the adapter; or an intent.
 */
export type Query = Asker & Asked;

/** The part of a query an adapter reads from the platform event: typed text, or an intent. */
export type Asked = { text: string; intent?: undefined } | { intent: Intent; text?: undefined };

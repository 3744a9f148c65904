/** Where a question came from. Adapters fill this in; the core never looks at platform payloads. */
export type Platform = 'console' | 'slack' | 'discord';

/** A question as the core sees it, whatever platform it arrived on. */
export interface Query {
  text: string;
  /** Stable id of the asker on their platform. */
  user: string;
  /** Stable id of the conversation (thread, channel, DM or console session) for follow-ups. */
  conversation: string;
  platform: Platform;
}

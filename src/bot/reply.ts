/** A card the user can pick: a suggestion or a related card, rendered as a button by adapters. */
export interface CardChoice {
  pack: string;
  card: string;
  title: string;
}

/** Where an answer comes from: the document and its sentences the card rests on. */
export interface Citation {
  sourceTitle: string;
  sentences: string[];
  url?: string;
}

/** `chatter`: a reaction or acknowledgement ("ok", "lol", "hmm", an emoji), which asks nothing. */
export type BuiltinIntent = 'help' | 'topics' | 'greeting' | 'thanks' | 'goodbye' | 'about' | 'chatter';

export interface TopicGroup {
  pack: string;
  packTitle: string;
  subject: string;
  cards: CardChoice[];
}

/** Every reply the exchange log kept carries the id of its exchange. */
export interface Logged {
  /**
   * Id of the logged exchange: feedback on an answer and picks of its buttons name it. Absent
   * when no log is kept (`LOG_EXCHANGES=false`), and then adapters show no feedback buttons.
   */
  exchange?: string;
}

/** A fact card answered the question. */
export interface AnswerReply extends Logged {
  kind: 'answer';
  card: CardChoice;
  /** The card's answer, plain text, exactly as written in the pack. */
  text: string;
  confidence: number;
  citation: Citation;
  /** Close runners-up, offered as "did you mean". */
  suggestions: CardChoice[];
  related: CardChoice[];
  /** Set when the card is past its review date. */
  staleSince?: string;
}

/** No card fits well enough: the bot says so and offers what it can answer. */
export interface NoMatchReply extends Logged {
  kind: 'no-match';
  text: string;
  confidence: number;
  suggestions: CardChoice[];
}

/** Help, topics, greetings and other replies that do not come from a card. */
export interface BuiltinReply extends Logged {
  kind: 'builtin';
  intent: BuiltinIntent;
  text: string;
  /** Example questions, for help. */
  examples: string[];
  /** The cards by subject, for topics. */
  topics: TopicGroup[];
  suggestions: CardChoice[];
}

/**
 * The input could not be taken as a question (empty, too long), or its asker has asked too
 * often lately. Adapters render every reason the same way, by `text`.
 */
export interface InvalidReply extends Logged {
  kind: 'invalid';
  reason: 'empty' | 'too-long' | 'rate-limited';
  text: string;
}

export type Reply = AnswerReply | NoMatchReply | BuiltinReply | InvalidReply;

/** What every platform says under an answer whose card is past its review date. */
export function staleNote(since: string): string {
  return `This card was due for review on ${since}; it may be out of date.`;
}

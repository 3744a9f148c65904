/**
 * What the bot hands the exchange log. Entries hold the raw user id only in memory, on their way
 * to the store, which writes a keyed hash of it instead (see `user-hash.ts`).
 */

/** One question (or card pick) and its outcome. */
export interface ExchangeEntry {
  /** Random, unguessable: replies carry it so that feedback and picks can name their exchange. */
  id: string;
  /** Milliseconds since the epoch. */
  at: number;
  platform: string;
  user: string;
  /** Whether others in the conversation see the reply (a thread), or the asker alone (ephemeral, DM). */
  shared: boolean;
  /** How it was asked: typed text, a card button, or a built-in intent (help, topics, about). */
  via: 'text' | 'card' | 'intent';
  /** Typed text, cleaned and cut; null when LOG_QUESTIONS=false or nothing was typed. */
  question: string | null;
  kind: 'answer' | 'no-match' | 'builtin' | 'invalid';
  /** The built-in's intent, or why the input was refused. */
  detail: string | null;
  /** The card answered, when `kind` is `answer`. */
  pack: string | null;
  card: string | null;
  confidence: number | null;
  /** Cards offered as "did you mean", as `pack/card` keys, best first. */
  suggestions: string[];
  /** For a card pick: the exchange whose button was clicked. */
  pickedFrom: string | null;
}

/** A 👍 or 👎 on an answer, with an optional reason. */
export interface VoteEntry {
  exchange: string;
  at: number;
  platform: string;
  user: string;
  vote: 'up' | 'down';
  reason: string | null;
}

export type LogEntry = { type: 'exchange'; entry: ExchangeEntry } | { type: 'vote'; entry: VoteEntry };

/**
 * What the bot needs of the log: hand an entry over and go on. Never waits, never throws: the
 * writing happens later, in batches, and a store that is down costs entries, never an answer.
 */
export interface ExchangeRecorder {
  record(entry: LogEntry): void;
}

import type { FeedbackReceipt, Vote } from './feedback.js';
import type { Query } from './query.js';
import type { Reply, TopicGroup } from './reply.js';

/**
 * The inbound port: all that an adapter gets of the core. An adapter turns a platform event
 * into a {@link Query}, asks, and renders the {@link Reply}; it offers completions where its
 * platform has them, and may list the topics. Nothing else crosses this line: not the packs,
 * not the matcher (tools that need its view use `src/tooling/explainer.ts`).
 */
export interface Bot {
  /**
   * Answers one query. Never rejects because of what was asked, whatever the text; it can
   * reject only when a state store fails (conversation memory, rate limit), which the adapter
   * reports as it reports any failure of its own.
   */
  ask(query: Query): Promise<Reply>;
  /**
   * Whole questions that complete what has been typed so far, best first, at most `limit`:
   * card titles and example questions. Synchronous and in-process (every instance holds the
   * knowledge), fast enough for every keystroke, and current after every knowledge reload.
   */
  complete(typed: string, limit: number): string[];
  /** Every pack's cards by subject, as the `topics` reply lists them; current after reloads. */
  topics(): readonly TopicGroup[];
  /**
   * Records a 👍 or 👎 on an answer, named by the exchange id its reply carried. Never rejects
   * and never waits for storage: the vote is checked (the answer exists; the voter saw it) and
   * written with the exchange log, later. The receipt's text is what the voter is shown.
   */
  feedback(vote: Vote): Promise<FeedbackReceipt>;
}

import { visibleText } from './guard.js';

/** A 👍 or 👎 on an answer, as an adapter reads it from a click (or a `+`/`-` in the console). */
export interface Vote {
  /** The answer's exchange id, as its reply carried it (`Reply.exchange`). */
  exchange: string;
  /** Who voted; only the asker's vote counts on an answer nobody else saw. */
  user: string;
  platform: string;
  vote: 'up' | 'down';
  /** What was wrong, when the user said (the 👎 form); cut to {@link MAX_REASON_LENGTH}. */
  reason?: string;
}

/** What the adapter shows the voter. The click is acknowledged; the answer is not posted again. */
export interface FeedbackReceipt {
  /** False when the vote could not be read (no such exchange id form, no vote); nothing is kept. */
  accepted: boolean;
  text: string;
}

export const FEEDBACK_THANKS = 'Thanks — noted.';

/** Longest reason kept: a few sentences. Platforms cap their forms lower; a forged one may not. */
export const MAX_REASON_LENGTH = 1000;

/** Exchange ids are 16 url-safe base64 characters (96 random bits). */
export const EXCHANGE_ID = /^[A-Za-z0-9_-]{16}$/;

/**
 * User text as the log keeps it (a question, a reason): invisible characters gone, white space
 * folded, cut to `max` characters; nothing left is null. A huge text costs a slice, not a scan.
 */
export function keptText(text: string | undefined, max = MAX_REASON_LENGTH): string | null {
  if (text === undefined) return null;
  const visible = visibleText(text.slice(0, max * 4));
  if (!visible) return null;
  // Fewer UTF-16 units than `max` means fewer characters too: no need to count them.
  return visible.length <= max ? visible : [...visible].slice(0, max).join('');
}

/** The receipt of a bot that keeps no log: the user is thanked all the same. */
export async function unrecordedFeedback(): Promise<FeedbackReceipt> {
  return { accepted: false, text: FEEDBACK_THANKS };
}

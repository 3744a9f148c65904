/** Longest question taken, in characters; longer ones are refused with a message, not cut. */
export const MAX_QUESTION_LENGTH = 1000;

export type Guarded =
  | { ok: true; text: string }
  /** `mentioned`: the text was nothing but mentions, as when someone just @-mentions the bot. */
  | { ok: false; reason: 'empty'; mentioned: boolean }
  | { ok: false; reason: 'too-long' };

// Mentions and broadcasts as chat platforms write them: <@U123>, <#C1|general>, <!channel>,
// <@&role>, @everyone. They name people or rooms, never facts, so they are not matched on.
const MENTION = /<[@#!][^<>\s]{0,80}>|(?<![\w@])@(?:everyone|here|channel)\b/gi;

/**
 * Cleans user text before it reaches the matcher: control and zero-width characters and
 * mentions removed, white space folded. Other markup is left as typed; adapters escape it
 * when they echo it.
 */
export function guardInput(raw: string, maxLength = MAX_QUESTION_LENGTH): Guarded {
  const text = raw
    .replace(/[\p{Cc}\p{Cf}\p{Co}\p{Cs}]/gu, ' ')
    .replace(MENTION, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!text) return { ok: false, reason: 'empty', mentioned: new RegExp(MENTION.source, 'i').test(raw) };
  if ([...text].length > maxLength) return { ok: false, reason: 'too-long' };
  return { ok: true, text };
}

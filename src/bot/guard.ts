/** Longest question taken, in characters; longer ones are refused with a message, not cut. */
export const MAX_QUESTION_LENGTH = 1000;

export type Guarded = { ok: true; text: string } | { ok: false; reason: 'empty' | 'too-long' };

/**
 * Control, format (zero-width, bidi) and private-use characters, and lone surrogates: they are
 * never part of a question, and some would act on a terminal or hide text.
 */
const INVISIBLE = /[\p{Cc}\p{Cf}\p{Co}\p{Cs}]/gu;

/** Plain text as the guard reads it: invisible characters gone, white space folded. */
export function visibleText(raw: string): string {
  return raw.replace(INVISIBLE, ' ').replace(/\s+/g, ' ').trim();
}

/**
 * Cleans user text before it reaches the matcher, whatever platform it came from. Platform
 * markup (mentions, broadcasts) is the adapter's to remove: see `message-text.ts`. Other markup
 * is left as typed; adapters escape it when they echo it.
 */
export function guardInput(raw: string, maxLength = MAX_QUESTION_LENGTH): Guarded {
  const text = visibleText(raw);
  if (!text) return { ok: false, reason: 'empty' };
  if ([...text].length > maxLength) return { ok: false, reason: 'too-long' };
  return { ok: true, text };
}

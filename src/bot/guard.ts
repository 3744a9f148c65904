/** Longest question taken, in characters; longer ones are refused with a message, not cut. */
export const MAX_QUESTION_LENGTH = 1000;

export type Guarded = { ok: true; text: string } | { ok: false; reason: 'empty' | 'too-long' };

/**
 * Cleans user text before it reaches the matcher: control and zero-width characters removed,
 * white space folded. Markup is left as typed; adapters escape it when they echo it.
 */
export function guardInput(raw: string, maxLength = MAX_QUESTION_LENGTH): Guarded {
  const text = raw
    .replace(/[\p{Cc}\p{Cf}\p{Co}\p{Cs}]/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  if (!text) return { ok: false, reason: 'empty' };
  if ([...text].length > maxLength) return { ok: false, reason: 'too-long' };
  return { ok: true, text };
}

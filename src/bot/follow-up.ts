import type { MatchResult } from '../matcher/match.js';

const PRONOUN = /\b(he|him|his|she|her|hers|they|them|their|it|its|this person|that guy|the guy)\b/i;

/**
 * Whether a question that names no subject leans on the previous one: it uses a pronoun
 * ("what was he sentenced to?") or is too short to stand alone ("what unit?").
 */
export function isFollowUp(text: string, result: MatchResult): boolean {
  return PRONOUN.test(text) || result.terms.filter((t) => t.focus).length <= 3;
}

import type { MatchResult } from '../matcher/match.js';
import { INTERROGATIVE } from '../text/english.js';

/** Words that point back at someone or something already named. */
const PRONOUN =
  /\b(he|him|his|himself|she|her|hers|herself|they|them|their|theirs|it|its|this person|that guy|the guy)\b/i;

/**
 * How English opens a question, after any connective ("and", "so", "but", "ok"): an interrogative
 * word, an auxiliary put first ("was he…", "did they…"), or a request ("tell me…", "explain…").
 */
const QUESTION_OPENING =
  /^(?:(?:and|but|so|also|then|ok|okay|oh|well|now)[\s,]+)*(?:who|whom|whose|what|which|when|where|why|how|is|are|was|were|do|does|did|can|could|will|would|should|shall|may|might|must|has|have|had|tell|explain|describe|show|give|list)\b/i;

/** Words that point at something just said: "what is this article about?", "why did that happen?". */
const DEMONSTRATIVE = /\b(this|that|these|those)\b/i;

/** Whether the message asks something: a question mark, a question's opening, or a question type. */
export function asksSomething(text: string, result: MatchResult): boolean {
  return text.includes('?') || QUESTION_OPENING.test(text.trim()) || result.questionType !== undefined;
}

/**
 * Whether a message that names no subject is a follow-up on the conversation's last subject,
 * to be read as being about it. Three things must hold:
 * - it **asks** something ({@link asksSomething}): chatter ("lol", "ok", an emoji) and
 *   statements ("I like pizza.") are not questions, whatever the last answer was;
 * - it **leans** on what came before: a pronoun or a demonstrative ("what was he sentenced to?",
 *   "what is this article about?"), or too few words to stand alone ("what unit?", "when?");
 * - it says **what** it asks: a word (of two letters or more) some card knows, a question type ("when?", "how old?"), or
 *   an interrogative about what the pronoun points at ("what did he do?"). "What else?", "really?"
 *   or "huh?" ask nothing the cards could answer about the subject, and would otherwise get the
 *   subject's best card again.
 * Only what the matcher read of the message is used: the terms it found, its question type.
 */
export function isFollowUp(text: string, result: MatchResult): boolean {
  const focus = result.terms.filter((t) => t.focus);
  const refers = PRONOUN.test(text) || DEMONSTRATIVE.test(text);
  const leans = refers || focus.length <= 3;
  const says =
    // A word, not a stray letter: "x?" says nothing, whatever a card calls "x".
    focus.some((t) => t.known !== undefined && t.typed.length > 1) ||
    result.questionType !== undefined ||
    (refers && INTERROGATIVE.test(text));
  return leans && says && asksSomething(text, result);
}

import { stripGreeting } from '../bot/builtins.js';
import { buildCardIndex, matchCards } from '../bot/card-index.js';
import { guardInput, MAX_QUESTION_LENGTH } from '../bot/guard.js';
import type { Pack } from '../knowledge/types.js';
import { type Decision, decide } from '../matcher/decide.js';
import type { MatcherOptions } from '../matcher/defaults.js';
import type { MatchResult } from '../matcher/match.js';

/**
 * The matcher's full view of a question, for tools (`ask --explain`, `kb:check`, eval and tune
 * scripts), never for adapters: it reads the question exactly as the bot does (guard, greeting
 * dropped), over an index built from the same packs with the same options.
 */
export interface Explainer {
  explain(text: string): MatchResult;
  /** What the bot decides on that view: the card it answers with, or none; the threshold applied. */
  decide(result: MatchResult): Decision;
}

export interface ExplainerOptions {
  matcher?: Partial<MatcherOptions>;
  maxQuestionLength?: number;
}

export function createExplainer(packs: readonly Pack[], options: ExplainerOptions = {}): Explainer {
  const cards = buildCardIndex(packs, options.matcher);
  const maxLength = options.maxQuestionLength ?? MAX_QUESTION_LENGTH;
  return {
    explain(text) {
      const guarded = guardInput(text, maxLength);
      return matchCards(cards, guarded.ok ? stripGreeting(guarded.text) : '');
    },
    decide: (result) => decide(result, cards.index.options),
  };
}

import type { MatcherOptions } from './defaults.js';
import type { Candidate, MatchResult } from './match.js';

export interface Decision {
  /** The candidate to answer with, when confident enough. */
  answer?: Candidate;
  /** "Did you mean" choices: when abstaining, or when the runner-up is close to the answer. */
  suggestions: Candidate[];
}

/** Applies the abstention threshold and picks suggestions. */
export function decide(result: MatchResult, options: Readonly<MatcherOptions>): Decision {
  const [top, ...rest] = result.candidates;
  if (!top || top.confidence < options.abstainBelow) {
    return {
      suggestions: result.candidates
        .filter((c) => c.confidence >= options.suggestAbove)
        .slice(0, options.maxSuggestions),
    };
  }
  const close = rest.filter((c) => top.confidence - c.confidence <= options.closeMargin);
  return { answer: top, suggestions: close.slice(0, options.maxSuggestions) };
}

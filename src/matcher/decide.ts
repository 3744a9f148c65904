import type { MatcherOptions } from './defaults.js';
import type { Candidate, MatchResult } from './match.js';

export interface Decision {
  /** The candidate to answer with, when confident enough. */
  answer?: Candidate;
  /** "Did you mean" choices: when abstaining, or when the runner-up is close to the answer. */
  suggestions: Candidate[];
  /** The abstention threshold this question was held to, for explanations (`ask --explain`). */
  threshold: number;
}

/** Applies the abstention threshold and picks suggestions. */
export function decide(result: MatchResult, options: Readonly<MatcherOptions>): Decision {
  const [top, ...rest] = result.candidates;
  const threshold = options.abstainBelow;
  if (!top || top.confidence < threshold) {
    return {
      threshold,
      suggestions: result.candidates
        .filter((c) => c.confidence >= options.suggestAbove)
        .slice(0, options.maxSuggestions),
    };
  }
  const close = rest.filter((c) => top.confidence - c.confidence <= options.closeMargin);
  return { answer: top, threshold, suggestions: close.slice(0, options.maxSuggestions) };
}

/**
 * Choosing matcher options across stories. A story's questions are asked once per option
 * setting with the abstention threshold at zero, so every reply carries the top card and its
 * confidence; any threshold is then applied afterwards without asking again.
 */
import { createBot } from '../../src/bot/bot.js';
import type { Pack } from '../../src/knowledge/types.js';
import type { MatcherOptions } from '../../src/matcher/defaults.js';
import type { EvalItem } from './eval-set.js';
import { type EvalResult, evaluate, outcomeOf, summarise } from './evaluate.js';
import { withExamples, withoutCardAliases } from './stories.js';

export type Options = Partial<MatcherOptions>;

/** A story prepared for tuning: its packs as written and on their first day, and its questions. */
export interface TuneStory {
  id: string;
  /** Pack variants to tune on together, e.g. full and 3 example questions per card. */
  variants: Array<{ name: string; packs: Pack[]; weight: number }>;
  dev: EvalItem[];
}

/** Example questions per card in a pack on its first day. */
export const COLD_EXAMPLES = 3;

/**
 * The variants of a story's packs tuned on together: as written, and on their first day (3
 * example questions per card, with and without card aliases), the two first-day ones weighing half.
 */
export function packVariants(packs: Pack[]): TuneStory['variants'] {
  return [
    { name: 'full', packs, weight: 1 },
    { name: `${COLD_EXAMPLES} examples`, packs: withExamples(packs, COLD_EXAMPLES), weight: 0.5 },
    // A first-day pack written tersely: 3 examples and no aliases but the subjects' names.
    {
      name: `${COLD_EXAMPLES} examples, no aliases`,
      packs: withoutCardAliases(withExamples(packs, COLD_EXAMPLES)),
      weight: 0.5,
    },
  ];
}

/** Per question: the card the bot would answer with at threshold zero, and its confidence. */
export type Answers = EvalResult[];

/** How a setting scores on a story: in-scope right, minus wrong answers made costly, plus oos declined. */
export interface Score {
  rightPct: number;
  wrongPct: number;
  oosDeclinedPct: number;
  value: number;
}

/** A wrong card costs this many right ones: a wrong answer is worse than "I don't know". */
export const WRONG_COST = 3;

export const THRESHOLDS = Array.from({ length: 61 }, (_, i) => Math.round((0.2 + i * 0.01) * 100) / 100);

export async function askAll(packs: Pack[], items: EvalItem[], options: Options): Promise<Answers> {
  const bot = createBot(packs, { matcher: { ...options, abstainBelow: 0 } });
  return (await evaluate(bot, items, 'tune')).results;
}

/** The results had the bot abstained below `threshold`. */
export function atThreshold(answers: Answers, threshold: number): EvalResult[] {
  return answers.map((a) => {
    const card = a.got.startsWith('(') || a.confidence < threshold ? undefined : a.got;
    return { ...a, outcome: outcomeOf(a.item, card) };
  });
}

export function scoreOf(results: EvalResult[]): Score {
  const r = summarise(results);
  return {
    rightPct: r.rightPct,
    wrongPct: r.wrongPct,
    oosDeclinedPct: r.oosDeclinedPct,
    value: r.rightPct - WRONG_COST * r.wrongPct + r.oosDeclinedPct,
  };
}

/** The mean of scores, each story counting once. */
export function meanScore(scores: readonly Score[]): Score {
  const mean = (f: (s: Score) => number) => scores.reduce((sum, s) => sum + f(s), 0) / (scores.length || 1);
  return {
    rightPct: mean((s) => s.rightPct),
    wrongPct: mean((s) => s.wrongPct),
    oosDeclinedPct: mean((s) => s.oosDeclinedPct),
    value: mean((s) => s.value),
  };
}

/** Caches every story's answers per option setting: folds of leave-one-out share them. */
export class AnswerCache {
  private readonly cache = new Map<string, Promise<Answers>>();
  async get(story: TuneStory, variant: number, options: Options): Promise<Answers> {
    const key = `${story.id}#${variant}#${JSON.stringify(options, Object.keys(options).sort())}`;
    let hit = this.cache.get(key);
    if (!hit) {
      const v = story.variants[variant];
      hit = v ? askAll(v.packs, story.dev, options) : Promise.resolve([]);
      this.cache.set(key, hit);
    }
    return hit;
  }
}

/**
 * The value of a setting over some stories: each story and variant weighs the same whatever
 * its number of questions, at the best threshold common to all of them.
 */
export async function evaluateSetting(
  stories: readonly TuneStory[],
  options: Options,
  cache: AnswerCache,
): Promise<{ value: number; threshold: number }> {
  const runs: Array<{ answers: Answers; weight: number }> = [];
  for (const story of stories) {
    for (const [i, v] of story.variants.entries())
      runs.push({ answers: await cache.get(story, i, options), weight: v.weight });
  }
  return bestThreshold(runs);
}

/** The threshold with the best weighted mean value over some runs (story and variant answers). */
export function bestThreshold(runs: ReadonlyArray<{ answers: Answers; weight: number }>): {
  value: number;
  threshold: number;
} {
  const total = runs.reduce((s, r) => s + r.weight, 0) || 1;
  let best = { value: Number.NEGATIVE_INFINITY, threshold: THRESHOLDS[0] ?? 0.3 };
  for (const threshold of THRESHOLDS) {
    const value =
      runs.reduce((sum, r) => sum + r.weight * scoreOf(atThreshold(r.answers, threshold)).value, 0) / total;
    if (value > best.value) best = { value, threshold };
  }
  return best;
}

/** Candidates {@link tune} looks at in `rounds` rounds (fewer when a round changes nothing). */
export function candidates(space: Record<string, number[]>, rounds: number): number {
  return rounds * Object.values(space).reduce((n, values) => n + values.length, 0);
}

/**
 * Coordinate descent over a space of option values, starting from `start`: each option in
 * turn takes the value that scores best with the others held, until a round changes nothing.
 * `onCandidate` is told of every candidate value looked at (for a progress bar).
 */
export async function tune(
  stories: readonly TuneStory[],
  space: Record<string, number[]>,
  start: Options,
  cache: AnswerCache,
  rounds = 3,
  onCandidate: () => void = () => {},
): Promise<{ options: Options; threshold: number; value: number }> {
  let current: Options = { ...start };
  let best = await evaluateSetting(stories, current, cache);
  for (let round = 0; round < rounds; round++) {
    let changed = false;
    for (const [key, values] of Object.entries(space)) {
      for (const value of values) {
        if ((current as Record<string, number>)[key] !== value) {
          const trial = { ...current, [key]: value };
          const result = await evaluateSetting(stories, trial, cache);
          if (result.value > best.value + 1e-9) {
            best = result;
            current = trial;
            changed = true;
          }
        }
        onCandidate();
      }
    }
    if (!changed) break;
  }
  return { options: current, ...best };
}

import { describe, expect, it } from 'vitest';
import { type EvalResult, outcomeOf, summarise } from '../../scripts/lib/evaluate.js';
import {
  AnswerCache,
  type Answers,
  atThreshold,
  candidates,
  meanScore,
  type Options,
  scoreOf,
  type TuneStory,
  tune,
  WRONG_COST,
} from '../../scripts/lib/tuning.js';

const item = (q: string, expect: string[] | 'none') => ({ q, expect, tags: [] });
// What the bot said at threshold zero: its top card and confidence, or a reply kind in brackets.
const answers: EvalResult[] = [
  { item: item('a', ['x']), got: 'x', confidence: 0.9, outcome: 'right' },
  { item: item('b', ['x']), got: 'y', confidence: 0.4, outcome: 'wrong' },
  { item: item('c', ['y']), got: 'y', confidence: 0.5, outcome: 'right' },
  { item: item('d', 'none'), got: 'x', confidence: 0.6, outcome: 'oos-answered' },
  { item: item('e', 'none'), got: '(builtin)', confidence: 0, outcome: 'oos-declined' },
];

describe('choosing a threshold after the fact', () => {
  it('GIVEN answers at threshold zero THEN a higher threshold declines those below it', () => {
    const at = (t: number) => atThreshold(answers, t).map((r) => r.outcome);
    expect(at(0)).toEqual(['right', 'wrong', 'right', 'oos-answered', 'oos-declined']);
    expect(at(0.45)).toEqual(['right', 'declined', 'right', 'oos-answered', 'oos-declined']);
    expect(at(0.7)).toEqual(['right', 'declined', 'declined', 'oos-declined', 'oos-declined']);
  });

  it('scores right answers, costly wrong ones and declined out-of-scope questions', () => {
    const s = scoreOf(atThreshold(answers, 0));
    expect(s).toMatchObject({ rightPct: 66.7, wrongPct: 33.3, oosDeclinedPct: 50 });
    expect(s.value).toBeCloseTo(66.7 - WRONG_COST * 33.3 + 50, 6);
  });

  it('averages scores with each story counting once, and an empty list as zero', () => {
    const a = { rightPct: 80, wrongPct: 2, oosDeclinedPct: 90, value: 164 };
    const b = { rightPct: 60, wrongPct: 4, oosDeclinedPct: 100, value: 148 };
    expect(meanScore([a, b])).toEqual({ rightPct: 70, wrongPct: 3, oosDeclinedPct: 95, value: 156 });
    expect(meanScore([])).toEqual({ rightPct: 0, wrongPct: 0, oosDeclinedPct: 0, value: 0 });
  });

  it('counts three numbers per set', () => {
    const r = summarise(atThreshold(answers, 0.45));
    expect(r).toMatchObject({ inScope: 3, right: 2, wrong: 0, declined: 1, outOfScope: 2, oosDeclined: 1 });
    expect(outcomeOf(item('f', ['x', 'z']), 'z')).toBe('right');
    expect(outcomeOf(item('f', ['x']), undefined)).toBe('declined');
  });
});

describe('coordinate descent', () => {
  /** Answers without a bot: the question is answered right with fewExamples at 3, wrong otherwise. */
  class FakeCache extends AnswerCache {
    override async get(_story: TuneStory, _variant: number, options: Options): Promise<Answers> {
      const right = options.fewExamples === 3;
      return [{ item: item('q', ['x']), got: right ? 'x' : 'y', confidence: 0.9, outcome: 'right' }];
    }
  }
  const story: TuneStory = { id: 's', variants: [{ name: 'full', packs: [], weight: 1 }], dev: [] };

  it('tells of every candidate value looked at, as many as candidates() counts when the last round changes nothing', async () => {
    const space = { fewExamples: [1, 2, 3] };
    let told = 0;
    const chosen = await tune([story], space, { fewExamples: 2 }, new FakeCache(), 2, () => {
      told += 1;
    });
    expect(chosen.options).toEqual({ fewExamples: 3 });
    expect(told).toBe(candidates(space, 2));
    expect(candidates({ a: [1, 2], b: [1, 2, 3] }, 3)).toBe(15);
  });
});

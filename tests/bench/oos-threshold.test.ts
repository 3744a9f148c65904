import { describe, expect, it } from 'vitest';
import { OOS } from '../../scripts/lib/clinc-data.js';
import { chooseThreshold, quantile, report, type Scored } from '../../scripts/lib/oos-threshold.js';

const s = (intent: string | undefined, confidence: number, gold: string): Scored => ({
  intent,
  confidence,
  gold,
});

describe('oos threshold', () => {
  it('GIVEN validation scores THEN it picks the threshold with the best accuracy over all classes', () => {
    const validation = [
      s('a', 0.9, 'a'),
      s('b', 0.8, 'b'),
      s('a', 0.6, OOS), // abstaining here is right
      s('c', 0.5, 'c'),
      s('a', 0.3, OOS),
      s('b', 0.2, 'a'), // wrong either way
    ];
    // Answering down to 0.5 gets 3 right + abstains on 1 OOS (4); down to 0.8 gets 2 + 2 (4);
    // ties go to the lower threshold, set halfway to the next lower score.
    expect(chooseThreshold(validation)).toBeCloseTo(0.4, 9);
    const r = report(validation, 0.4);
    expect(r).toEqual({ inScopeAccuracy: 75, oosRecall: 50, inScope: 4, outOfScope: 2 });
  });

  it('GIVEN a classifier that found nothing THEN that query counts as an abstention', () => {
    expect(report([s(undefined, 0, OOS), s(undefined, 0, 'a')], 0).oosRecall).toBe(100);
    expect(report([s(undefined, 0, 'a')], 0).inScopeAccuracy).toBe(0);
  });

  it('GIVEN latencies THEN quantiles are by nearest rank', () => {
    const ms = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(quantile(ms, 0.5)).toBe(50);
    expect(quantile(ms, 0.99)).toBe(99);
  });
});

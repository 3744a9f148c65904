/**
 * Does a signal tell answerable questions from on-topic ones the pack cannot answer? Measured
 * here in seconds, before building it into the matcher and running `npm run tune` (minutes).
 *
 *   npx tsx scripts/experiments/signals.ts                       shipped options
 *   npx tsx scripts/experiments/signals.ts --options '{"bodyFieldWeight":0.3}'
 *   npx tsx scripts/experiments/signals.ts --jsonl /tmp/q.jsonl  also every question's signals
 *
 * Every question of every story is read as the bot reads it (guard, built-ins, greeting), with
 * the story's packs as written, with 3 example questions per card, and with 3 and no card
 * aliases. Printed:
 * 1. held-out figures with the options fixed and only the threshold chosen leave-one-story-out
 *    (on the other stories' dev sets, variants weighted as `npm run tune` weighs them), reported
 *    on the held-out story's test set; compare two option settings with this, not with the
 *    shipped figures, which re-choose every option per fold;
 * 2. what the ranking allows, on the held-out test sets: how often the right card comes first
 *    (answering everything, the most any threshold can get right) and, at the one threshold
 *    that declines 90% of their out-of-scope questions, how many are answered right;
 * 3. for each signal of the top card, on the dev sets only, how well it separates questions whose
 *    top card is right from out-of-scope ones (AUC R/OOS) and from wrong cards (AUC R/W), over
 *    all questions and in the band of confidences just under the threshold, where the declined
 *    answerable questions are. An AUC near 0.5 there means the signal cannot help the threshold.
 */
import { writeFileSync } from 'node:fs';
import { detectBuiltin, stripGreeting } from '../../src/bot/builtins.js';
import { buildCardIndex, matchCards } from '../../src/bot/card-index.js';
import { guardInput } from '../../src/bot/guard.js';
import type { Pack } from '../../src/knowledge/types.js';
import { defineCli, readCommandLine } from '../../src/runtime/cli.js';
import type { EvalItem } from '../lib/eval-set.js';
import { type EvalResult, outcomeOf } from '../lib/evaluate.js';
import { readMatcherOptions } from '../lib/matcher-args.js';
import { auc, evidenceOf } from '../lib/signals.js';
import { findStories, loadSet, storyPacks } from '../lib/stories.js';
import { atThreshold, bestThreshold, meanScore, packVariants, type Score, scoreOf } from '../lib/tuning.js';

const { options, jsonl } = readCommandLine(
  defineCli({
    name: 'signals',
    usage: ['npx tsx scripts/experiments/signals.ts [--options JSON] [--jsonl FILE]'],
    summary:
      'Held-out figures with fixed options, and how well each top-card signal separates right answers from out-of-scope questions.',
    options: {
      options: {
        type: 'string',
        value: 'JSON',
        help: 'matcher options to try, such as \'{"bodyFieldWeight":0.3}\'',
      },
      jsonl: {
        type: 'string',
        value: 'FILE',
        help: "also write every question's signals, one JSON line each",
      },
    },
  }),
  ({ values }) => ({ options: readMatcherOptions(values.options), jsonl: values.jsonl }),
);
const BAND_BELOW = 0.2;

interface Row extends EvalResult {
  story: string;
  variant: string;
  tuning: boolean;
  signals: Record<string, number>;
}

function ask(packs: Pack[], items: EvalItem[], base: Omit<Row, keyof EvalResult | 'signals'>): Row[] {
  const cards = buildCardIndex(packs, { ...options, abstainBelow: 0 });
  return items.map((item) => {
    const guarded = guardInput(item.q);
    const builtin = !guarded.ok || detectBuiltin(guarded.text) !== undefined;
    const result = matchCards(cards, guarded.ok ? stripGreeting(guarded.text) : '');
    const [top, second] = result.candidates;
    const got = builtin || !top ? '(no-match)' : top.id.slice(top.id.indexOf('/') + 1);
    const signals: Record<string, number> = {};
    if (top && !builtin) {
      const e = evidenceOf(cards.index, result, top.id);
      Object.assign(signals, {
        confidence: top.confidence,
        lead: top.confidence - (second?.confidence ?? 0),
        coverage: top.coverage,
        exampleSimilarity: top.exampleSimilarity,
        inExamples: e.examples,
        inBodyOnly: e.body,
        elsewhereInPack: e.elsewhere,
        unknown: e.unknown,
        focusWords: e.words,
        questionTypeFits: top.questionTypeFits ? 1 : 0,
      });
    }
    const confidence = signals.confidence ?? 0;
    const card = got.startsWith('(') ? undefined : got;
    return { ...base, item, got, confidence, outcome: outcomeOf(item, card), signals };
  });
}

const rows: Row[] = [];
/** Each pack variant's weight in a threshold choice, as `npm run tune` weighs them. */
const variantWeights = new Map<string, number>();
const stories = findStories();
for (const story of stories) {
  for (const v of packVariants(storyPacks(story))) {
    variantWeights.set(v.name, v.weight);
    for (const set of story.sets) {
      const base = { story: story.id, variant: v.name, tuning: set.tuning };
      rows.push(...ask(v.packs, loadSet(set), base));
    }
  }
}
if (jsonl) writeFileSync(jsonl, rows.map((r) => JSON.stringify(r)).join('\n'));

const select = (story: string, variant: string, tuning: boolean) =>
  rows.filter((r) => r.story === story && r.variant === variant && r.tuning === tuning);

/** The threshold with the best mean value over the dev sets of `ids`, variants weighted. */
function chooseThreshold(ids: string[]): number {
  const runs = ids.flatMap((id) =>
    [...variantWeights].map(([variant, weight]) => ({ answers: select(id, variant, true), weight })),
  );
  return bestThreshold(runs).threshold;
}

console.log('1. options fixed, threshold chosen leave-one-story-out; held-out test sets');
const held: Record<string, Score[]> = { full: [], '3 examples': [] };
for (const story of stories) {
  const threshold = chooseThreshold(stories.filter((s) => s.id !== story.id).map((s) => s.id));
  const line = [`${story.id.padEnd(30)} ${threshold.toFixed(2)}`];
  for (const variant of Object.keys(held)) {
    const test = rows.filter((r) => r.story === story.id && r.variant === variant && !r.tuning);
    const s = scoreOf(atThreshold(test, threshold));
    held[variant]?.push(s);
    line.push(`${variant}: ${figures(s)}`);
  }
  console.log(`  ${line.join('  ')}`);
}
for (const [variant, scores] of Object.entries(held)) {
  const mean = meanScore(scores);
  const declined = 100 - mean.rightPct - mean.wrongPct;
  console.log(
    `  mean, ${variant}: right ${mean.rightPct.toFixed(1)}%, wrong ${mean.wrongPct.toFixed(1)}%, ` +
      `declined ${declined.toFixed(1)}%, out-of-scope declined ${mean.oosDeclinedPct.toFixed(1)}%; ` +
      `value ${mean.value.toFixed(1)}`,
  );
}

console.log('\n2. what the ranking allows, test sets (mean over stories)');
for (const variant of Object.keys(held)) {
  const tests = stories.map((story) =>
    rows.filter((r) => r.story === story.id && r.variant === variant && !r.tuning),
  );
  const meanAt = (threshold: number) => meanScore(tests.map((test) => scoreOf(atThreshold(test, threshold))));
  const everything = meanAt(0);
  const steps = Array.from({ length: 101 }, (_, i) => i / 100);
  const at90 = steps.find((t) => meanAt(t).oosDeclinedPct >= 90) ?? 1;
  const there = meanAt(at90);
  console.log(
    `  ${variant}: right card first ${everything.rightPct.toFixed(1)}% (answering everything; wrong ${everything.wrongPct.toFixed(1)}%); ` +
      `at ${at90.toFixed(2)}, the least threshold declining 90% out of scope: right ${there.rightPct.toFixed(1)}%, wrong ${there.wrongPct.toFixed(1)}%`,
  );
}

const all = chooseThreshold(stories.map((s) => s.id));
console.log(`\n3. signals of the top card on the dev sets (threshold on all of them: ${all})`);
for (const variant of ['full', '3 examples']) {
  const dev = rows.filter((r) => r.variant === variant && r.tuning && r.signals.confidence !== undefined);
  const band = dev.filter((r) => r.confidence >= all - BAND_BELOW && r.confidence < all);
  for (const [label, set] of [
    ['all', dev],
    [`${(all - BAND_BELOW).toFixed(2)}-${all.toFixed(2)}`, band],
  ] as const) {
    const right = set.filter((r) => r.outcome === 'right');
    const wrong = set.filter((r) => r.outcome === 'wrong');
    const oos = set.filter((r) => r.item.expect === 'none');
    console.log(
      `  ${variant}, ${label}: ${right.length} right, ${wrong.length} wrong, ${oos.length} out of scope`,
    );
    for (const key of Object.keys(dev[0]?.signals ?? {})) {
      const values = (list: Row[]) => list.map((r) => r.signals[key] ?? 0);
      console.log(
        `    ${key.padEnd(18)} AUC R/OOS ${auc(values(right), values(oos)).toFixed(2)}  R/W ${auc(values(right), values(wrong)).toFixed(2)}`,
      );
    }
  }
}

function figures(s: Score): string {
  return `${s.rightPct.toFixed(1)} / ${s.wrongPct.toFixed(1)} / ${s.oosDeclinedPct.toFixed(1)}`;
}

/**
 * Grid search of matcher options on the development questions (dev, dev2) only, never the test set:
 *   npm run tune -- '{"abstainBelow":[0.45,0.5,0.55]}'
 * Prints every combination with dev in-scope accuracy and out-of-scope abstention, best last.
 */
import { createBot } from '../src/bot/bot.js';
import { loadPacks } from '../src/knowledge/load-packs.js';
import type { MatcherOptions } from '../src/matcher/defaults.js';
import { loadEvalSet } from './lib/eval-set.js';
import { evaluate } from './lib/evaluate.js';

const grid = JSON.parse(process.argv[2] ?? '{}') as Record<string, number[]>;
const packs = loadPacks('knowledge');
// Development questions only: the held-out test set never guides a choice.
const items = ['dev', 'dev2'].flatMap((set) => loadEvalSet(`tests/eval/${set}.yaml`));

const combos: Array<Partial<MatcherOptions>> = Object.entries(grid).reduce<Array<Record<string, number>>>(
  (acc, [key, values]) => acc.flatMap((c) => values.map((v) => ({ ...c, [key]: v }))),
  [{}],
);
const results = [];
for (const options of combos) {
  const r = await evaluate(createBot(packs, { matcher: options }), items);
  results.push({
    options,
    acc: r.inScopeAccuracy,
    oos: r.oosAbstention,
    score: r.inScopeAccuracy + r.oosAbstention,
  });
}
results.sort((a, b) => a.score - b.score);
for (const r of results.slice(-15))
  console.log(r.acc.toFixed(1), r.oos.toFixed(1), JSON.stringify(r.options));

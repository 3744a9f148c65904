/**
 * Accuracy of the bot on labelled questions the cards never saw.
 *   npm run eval                 dev and test sets
 *   npm run eval -- --set test   one set
 *   npm run eval -- --json       one JSON summary per set
 */
import { join } from 'node:path';
import { createBot } from '../src/bot/bot.js';
import { loadPacks } from '../src/knowledge/load-packs.js';
import { loadEvalSet } from './lib/eval-set.js';
import { evaluate } from './lib/evaluate.js';

const args = process.argv.slice(2);
const json = args.includes('--json');
const setArg = args.indexOf('--set');
const sets = setArg >= 0 ? [args[setArg + 1] ?? 'test'] : ['dev', 'dev2', 'test'];
const bot = createBot(loadPacks(process.env.KNOWLEDGE_DIR ?? 'knowledge'));

for (const set of sets) {
  const items = loadEvalSet(join('tests', 'eval', `${set}.yaml`));
  const r = await evaluate(bot, items);
  if (json) {
    const { misses, byTag, ...summary } = r;
    console.log(JSON.stringify({ set, ...summary, misses: misses.length }));
    continue;
  }
  console.log(`\n== ${set} (${items.length} questions) ==`);
  console.log(`in-scope accuracy:      ${r.inScopeAccuracy}% (${r.inScopeRight}/${r.inScope})`);
  console.log(`out-of-scope abstained: ${r.oosAbstention}% (${r.abstained}/${r.outOfScope})`);
  console.log(
    `by tag: ${Object.entries(r.byTag)
      .map(([t, v]) => `${t} ${v.right}/${v.total}`)
      .join(', ')}`,
  );
  if (r.misses.length > 0) console.log('wrong:');
  for (const m of r.misses) {
    console.log(
      `  [${m.tags.join(',')}] ${m.q}\n      expected ${m.expected}, got ${m.got} (${m.confidence.toFixed(2)})`,
    );
  }
}

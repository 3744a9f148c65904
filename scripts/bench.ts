/**
 * Speed of the fact-card bot, and plain fuse.js over the same cards for comparison.
 *   npm run bench            human-readable
 *   npm run bench -- --json  one JSON object on the last line
 *   npm run bench -- --help  the options
 */
import Fuse from 'fuse.js';
import { createBot } from '../src/bot/bot.js';
import { knowledgeDir } from '../src/config.js';
import { loadPacks } from '../src/knowledge/load-packs.js';
import { defineCli, progress, runTool } from '../src/runtime/cli.js';
import { englishBackground } from '../src/text/background.js';
import { englishWordNet } from '../src/text/wordnet.js';
import { evaluate, pct } from './lib/evaluate.js';
import { percentile, timeEach, timeEachAsync } from './lib/latency.js';
import { findStories, loadSet } from './lib/stories.js';

const benchCli = defineCli({
  name: 'bench',
  usage: ['npm run bench -- [--json]'],
  summary:
    "Speed of the bot (load, index, per-question latency) on its story's questions, with plain fuse.js side by side.",
  options: {
    json: { type: 'boolean', help: 'one JSON object instead of the report' },
  },
  notes: [
    "KNOWLEDGE_DIR: the packs to load (default knowledge/); timed on the questions of the evaluation story of the same id, else on the packs' example questions.",
  ],
});

runTool(benchCli, async ({ values }) => {
  const json = values.json;
  const dir = knowledgeDir();

  let start = performance.now();
  englishBackground();
  const backgroundMs = performance.now() - start;
  start = performance.now();
  englishWordNet();
  const wordnetMs = performance.now() - start;
  start = performance.now();
  const packs = loadPacks(dir);
  const loadMs = performance.now() - start;
  start = performance.now();
  const bot = createBot(packs);
  const indexMs = performance.now() - start;

  // The questions of the evaluation story these packs are (the bundled one for knowledge/), every
  // set: latency does not depend on who wrote them. Packs of no story are timed on their own
  // example questions, and their accuracy is not measured.
  const ids = new Set(packs.map((p) => p.id));
  const story = findStories().find((s) => ids.has(s.id));
  const sets = story?.sets ?? [];
  const test = sets.filter((s) => s.name === 'test').flatMap(loadSet);
  const questions = story
    ? sets.flatMap(loadSet).map((i) => i.q)
    : packs.flatMap((p) => p.cards.flatMap((c) => c.questions));
  const rounds = Math.max(1, Math.ceil(10_000 / questions.length));
  const ask = (text: string) => bot.ask({ text, user: 'bench', conversation: 'bench', platform: 'console' });
  // On stderr, and only when it is a terminal; drawn between rounds, outside what is timed.
  const timing = progress('bench: timing', 1 + rounds + questions.length);
  timing.tick(0);
  await timeEachAsync(questions, 1, ask, () => timing.tick()); // warm-up: JIT, not caches (the bot keeps none per question)
  const times = await timeEachAsync(questions, rounds, ask, () => timing.tick());
  // On a machine shared with other jobs, wall time includes their turns on the CPU: the least of
  // nine runs of each question is closer to what the code itself costs.
  const least: number[] = [];
  for (const q of questions) {
    least.push((await timeEachAsync([q], 9, ask))[0] ?? 0);
    timing.tick();
  }
  timing.done();
  least.sort((a, b) => a - b);
  const botEval = await evaluate(bot, test);
  const heapMB = process.memoryUsage().heapUsed / 2 ** 20;

  // Plain fuse.js over the same cards: the best-scoring card answers unless its score is over the threshold.
  const cards = packs.flatMap((p) => p.cards);
  const fuse = new Fuse(cards, {
    keys: ['title', 'questions', 'aliases', 'answer'],
    includeScore: true,
    threshold: 0.6,
    ignoreLocation: true,
  });
  const fuseAnswer = (text: string) => {
    const [best] = fuse.search(text, { limit: 1 });
    return best && (best.score ?? 1) < 0.45 ? best.item.id : undefined;
  };
  const fuseBar = progress('bench: plain fuse.js', 3);
  fuseBar.tick(0);
  const fuseTimes = timeEach(questions, 3, fuseAnswer, () => fuseBar.tick());
  fuseBar.done();
  let fuseRight = 0;
  let fuseIn = 0;
  let fuseAbstained = 0;
  let fuseOut = 0;
  for (const item of test) {
    const got = fuseAnswer(item.q);
    if (item.expect === 'none') {
      fuseOut++;
      if (!got) fuseAbstained++;
    } else {
      fuseIn++;
      if (got && item.expect.includes(got)) fuseRight++;
    }
  }

  // No questions of a kind: not measured, rather than 0%.
  const ratio = (part: number, whole: number) => (whole > 0 ? pct(part, whole) : null);
  const summary = {
    cards: cards.length,
    story: story?.id ?? null,
    backgroundMs: round(backgroundMs),
    wordnetMs: round(wordnetMs),
    loadMs: round(loadMs),
    indexMs: round(indexMs),
    loadAndIndexMs: round(loadMs + indexMs),
    queries: times.length,
    p50Ms: round(percentile(times, 50), 4),
    p99Ms: round(percentile(times, 99), 4),
    leastOf9P50Ms: round(percentile(least, 50), 4),
    leastOf9P99Ms: round(percentile(least, 99), 4),
    heapMB: round(heapMB),
    inScopeAccuracy: test.length > 0 ? botEval.rightPct : null,
    oosAbstention: test.length > 0 ? botEval.oosDeclinedPct : null,
    fuse: {
      inScopeAccuracy: ratio(fuseRight, fuseIn),
      oosAbstention: ratio(fuseAbstained, fuseOut),
      p50Ms: round(percentile(fuseTimes, 50), 4),
      p99Ms: round(percentile(fuseTimes, 99), 4),
    },
  };
  if (json) {
    console.log(JSON.stringify(summary));
  } else {
    console.log(
      `cards: ${summary.cards}; questions of ${story ? `story ${story.id}` : "the packs' own examples"}`,
    );
    console.log(
      `once per process: English word frequencies ${summary.backgroundMs} ms, WordNet ${summary.wordnetMs} ms`,
    );
    console.log(
      `pack load: ${summary.loadMs} ms, index: ${summary.indexMs} ms, together ${summary.loadAndIndexMs} ms`,
    );
    console.log(
      `per query over ${summary.queries} queries: p50 ${summary.p50Ms} ms, p99 ${summary.p99Ms} ms`,
    );
    console.log(
      `per question, least of 9 runs (${least.length} questions): p50 ${summary.leastOf9P50Ms} ms, p99 ${summary.leastOf9P99Ms} ms`,
    );
    console.log(`heap used: ${summary.heapMB} MB`);
    console.log('\n                 in-scope  out-of-scope  p50 ms   p99 ms   (test set)');
    console.log(
      `factdesk         ${pad(summary.inScopeAccuracy)}%   ${pad(summary.oosAbstention)}%       ${summary.p50Ms}   ${summary.p99Ms}`,
    );
    console.log(
      `plain fuse.js    ${pad(summary.fuse.inScopeAccuracy)}%   ${pad(summary.fuse.oosAbstention)}%       ${summary.fuse.p50Ms}   ${summary.fuse.p99Ms}`,
    );
  }
  return 0;
});

function round(n: number, digits = 1): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}
function pad(n: number | null): string {
  return n === null ? '    –' : n.toFixed(1).padStart(5);
}

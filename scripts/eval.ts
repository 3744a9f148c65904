/**
 * Accuracy of the bot on every story's labelled questions, each story run with only its own
 * pack loaded (the bundled story with `KNOWLEDGE_DIR`, by default `knowledge/`), each question in
 * its own conversation.
 *
 *   npm run eval                          every story, every set
 *   npm run eval -- --story ID[,ID]       some stories
 *   npm run eval -- --set test            one set of each story
 *   npm run eval -- --examples 3          a pack on its first day: 3 example questions per card
 *   npm run eval -- --examples 3 --no-aliases   ... and no aliases on cards but the subjects' names
 *   npm run eval -- --misses              list the questions missed (read dev misses, not test ones)
 *   npm run eval -- --options '{"abstainBelow":0.5}'   try matcher options
 *   npm run eval -- --json                one JSON line per story and set
 *   npm run eval -- --help                the options
 *
 * Three numbers per set: in-scope answered with the right card, in-scope answered with a wrong
 * card (worse than a decline), in-scope declined; and out-of-scope declined.
 */
import { createBot } from '../src/bot/bot.js';
import { knowledgeDir } from '../src/config.js';
import { progress, runTool } from '../src/runtime/cli.js';
import { evalCli, readEvalArgs } from './lib/eval-cli.js';
import { combine, type EvalReport, evaluate } from './lib/evaluate.js';
import { findStories, loadSet, storyPacks, withExamples, withoutCardAliases } from './lib/stories.js';

runTool(evalCli, async (args) => {
  const {
    stories,
    set: setFilter,
    examples,
    noAliases,
    options,
    misses,
    json,
  } = readEvalArgs(args, findStories());
  // Every pack loaded before the first question: a broken one stops the run at once, in one line.
  const dir = knowledgeDir();
  const runs = stories.map((story) => ({
    story,
    packs: withExamples(storyPacks(story, dir), examples),
    sets: story.sets.filter((set) => !setFilter || set.name === setFilter),
  }));
  // Set group (dev, test) → story → its reports, so a story's dev sets are pooled into one.
  const bySet = new Map<string, Map<string, EvalReport[]>>();
  if (!json) {
    console.log(
      `${examples === undefined ? '' : `cold start: ${examples} example questions per card\n`}` +
        `${noAliases ? "no card aliases but the subjects' names\n" : ''}` +
        `${'story'.padEnd(30)} ${'set'.padEnd(5)} ${'in'.padStart(4)} ${'right'.padStart(6)} ${'wrong'.padStart(6)} ${'declined'.padStart(8)}   ${'oos'.padStart(4)} ${'declined'.padStart(8)}`,
    );
  }
  // On stderr, and only when it is a terminal; cleared for each line of results.
  const bar = progress(
    'eval',
    runs.reduce((n, run) => n + run.sets.length, 0),
  );
  bar.tick(0);
  for (const { story, packs, sets } of runs) {
    const bot = createBot(noAliases ? withoutCardAliases(packs) : packs, { matcher: options });
    for (const set of sets) {
      const report = await evaluate(bot, loadSet(set), `${story.id}-${set.name}`);
      const group = set.tuning ? 'dev' : set.name;
      const perStory = bySet.get(group) ?? new Map<string, EvalReport[]>();
      perStory.set(story.id, [...(perStory.get(story.id) ?? []), report]);
      bySet.set(group, perStory);
      bar.clear();
      if (json) {
        const { results, byTag, ...summary } = report;
        console.log(
          JSON.stringify({ story: story.id, set: set.name, examples: examples ?? null, ...summary }),
        );
      } else {
        console.log(row(story.id, set.name, report));
        if (misses) printMisses(report);
      }
      bar.tick();
    }
  }
  bar.done();
  if (json) return 0;
  console.log('\nmean over stories (each story counts once):');
  for (const [set, perStory] of bySet) console.log(meanRow(set, [...perStory.values()].map(combine)));
  return 0;
});

function row(story: string, set: string, r: EvalReport): string {
  return (
    `${story.padEnd(30)} ${set.padEnd(5)} ${String(r.inScope).padStart(4)} ${p(r.rightPct)} ${p(r.wrongPct)} ` +
    `${p(r.declinedPct).padStart(8)}   ${String(r.outOfScope).padStart(4)} ${p(r.oosDeclinedPct).padStart(8)}`
  );
}

/** Mean of per-story percentages. */
function meanRow(set: string, reports: EvalReport[]): string {
  const mean = (key: 'rightPct' | 'wrongPct' | 'declinedPct' | 'oosDeclinedPct') =>
    Math.round((10 * reports.reduce((sum, r) => sum + r[key], 0)) / reports.length) / 10;
  return (
    `${`  ${set} (${reports.length} sets)`.padEnd(36)} ${''.padStart(4)} ${p(mean('rightPct'))} ${p(mean('wrongPct'))} ` +
    `${p(mean('declinedPct')).padStart(8)}   ${''.padStart(4)} ${p(mean('oosDeclinedPct')).padStart(8)}`
  );
}

function printMisses(r: EvalReport): void {
  for (const m of r.results) {
    if (m.outcome === 'right' || m.outcome === 'oos-declined') continue;
    const expected = m.item.expect === 'none' ? '(decline)' : m.item.expect.join(' | ');
    console.log(
      `    ${m.outcome.padEnd(12)} [${m.item.tags.join(',')}] ${m.item.q}\n` +
        `${''.padEnd(18)}expected ${expected}, got ${m.got} (${m.confidence.toFixed(2)})`,
    );
  }
}

function p(n: number): string {
  return `${n.toFixed(1)}%`.padStart(6);
}

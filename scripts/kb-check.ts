/**
 * Checks the knowledge packs before they ship (`npm run kb:check`, run in CI): those in
 * `KNOWLEDGE_DIR` (default `knowledge/`) together, then, unless `KNOWLEDGE_DIR` is set, each
 * evaluation story's own pack alone (`tests/eval/stories/<id>/pack.yaml`; there, misrouted example
 * questions are shown as warnings). Fails when:
 * a pack does not load; a card's own example question does not route to it with a margin
 * over the runner-up; two cards compete for the same questions; a source sentence is
 * supported by no card; a card is past its review date. Prints a short coverage report.
 */
import { FactdeskError } from '../src/errors.js';
import { loadPacks } from '../src/knowledge/load-packs.js';
import type { Pack } from '../src/knowledge/types.js';
import { createExplainer } from '../src/tooling/explainer.js';
import { checkPacks } from './lib/kb-check.js';
import { findStories, storyPacks } from './lib/stories.js';

const today = new Date().toISOString().slice(0, 10);
let problems = 0;
/**
 * Checks packs loaded together, as one bot would serve them. The shipped packs must route every
 * example question to its card; an evaluation story's pack is a fixture written by someone else,
 * whose routing `npm run eval` measures, so there a misrouted example is shown, not failed.
 */
const check = (load: () => Pack[], routingFails: boolean) => {
  try {
    const packs = load();
    const report = checkPacks(packs, createExplainer(packs), today);
    for (const line of report.coverage) console.log(line);
    for (const problem of report.problems) console.log(`✗ ${problem}`);
    for (const line of report.routing) console.log(`${routingFails ? '✗' : '⚠'} ${line}`);
    problems += report.problems.length + (routingFails ? report.routing.length : 0);
  } catch (error) {
    console.log(`✗ ${error instanceof FactdeskError ? error.message : String(error)}`);
    problems++;
  }
};

check(() => loadPacks(process.env.KNOWLEDGE_DIR ?? 'knowledge'), true);
if (!process.env.KNOWLEDGE_DIR) {
  for (const story of findStories().filter((s) => !s.bundled)) check(() => storyPacks(story), false);
}
console.log(problems === 0 ? 'kb:check passed' : `kb:check failed: ${problems} problem(s)`);
process.exitCode = problems === 0 ? 0 : 1;

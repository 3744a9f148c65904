/**
 * Checks the knowledge packs before they ship (`npm run kb:check`, run in CI): those in
 * `KNOWLEDGE_DIR` (default `knowledge/`) together, then, unless it points elsewhere, each
 * evaluation story's own pack alone (`tests/eval/stories/<id>/pack.yaml`; there, misrouted example
 * questions are shown as warnings). Fails when:
 * a pack does not load; a card's own example question does not route to it with a margin
 * over the runner-up; two cards compete for the same questions; a source sentence is
 * supported by no card; a card is past its review date. Prints a short coverage report.
 */
import { knowledgeDir } from '../src/config.js';
import { FactdeskError } from '../src/errors.js';
import { loadPacks } from '../src/knowledge/load-packs.js';
import type { Pack } from '../src/knowledge/types.js';
import { defineCli, readCommandLine } from '../src/runtime/cli.js';
import { createExplainer } from '../src/tooling/explainer.js';
import { checkPacks } from './lib/kb-check.js';
import { BUNDLED_KNOWLEDGE, findStories, storyPacks } from './lib/stories.js';

readCommandLine(
  defineCli({
    name: 'kb:check',
    usage: ['npm run kb:check'],
    summary:
      'Checks the knowledge packs: loading, routing of example questions, source support, review dates.',
    options: {},
    notes: ['KNOWLEDGE_DIR: the packs to check (default knowledge/). Exit code 1 when a check fails.'],
  }),
);

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

// Read through the config module, so that a malformed value gets the bot's own message.
const dir = knowledgeDir();
check(() => loadPacks(dir), true);
if (dir === BUNDLED_KNOWLEDGE) {
  for (const story of findStories().filter((s) => !s.bundled)) check(() => storyPacks(story), false);
}
console.log(problems === 0 ? 'kb:check passed' : `kb:check failed: ${problems} problem(s)`);
process.exitCode = problems === 0 ? 0 : 1;

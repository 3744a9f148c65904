/**
 * Checks the knowledge packs before they ship (`npm run kb:check`, run in CI). Fails when:
 * a pack does not load; a card's own example question does not route to it with a margin
 * over the runner-up; two cards compete for the same questions; a source sentence is
 * supported by no card; a card is past its review date. Prints a short coverage report.
 */
import { FactdeskError } from '../src/errors.js';
import { loadPacks } from '../src/knowledge/load-packs.js';
import { defineCli, readCommandLine } from '../src/runtime/cli.js';
import { createExplainer } from '../src/tooling/explainer.js';
import { checkPacks } from './lib/kb-check.js';

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

try {
  const packs = loadPacks(process.env.KNOWLEDGE_DIR ?? 'knowledge');
  const report = checkPacks(packs, createExplainer(packs), new Date().toISOString().slice(0, 10));
  for (const line of report.coverage) console.log(line);
  for (const problem of report.problems) console.log(`✗ ${problem}`);
  console.log(
    report.problems.length === 0
      ? 'kb:check passed'
      : `kb:check failed: ${report.problems.length} problem(s)`,
  );
  process.exitCode = report.problems.length === 0 ? 0 : 1;
} catch (error) {
  console.log(`✗ ${error instanceof FactdeskError ? error.message : String(error)}`);
  process.exitCode = 1;
}

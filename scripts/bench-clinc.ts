/**
 * CLINC150 intent benchmark (issue 7): Factdesk's matcher against plain fuse.js and minisearch.
 *
 *   npm run bench:clinc                       all three engines
 *   npm run bench:clinc -- --data PATH        data file (else $CLINC_DATA, else
 *                                             ../shared/datasets/clinc150/data_full.json)
 *   npm run bench:clinc -- --json             adds a last line: one JSON object for Factdesk's matcher
 *   npm run bench:clinc -- --matcher-only     skip the two baselines (quick tuning runs)
 *   npm run bench:clinc -- --fuse-step 10     plain fuse on every N-th query (it is slow)
 *
 * Protocol (Larson et al. 2019, "oos-threshold"): index `train`, choose the abstention
 * threshold with the best accuracy over all 151 classes on `val` + `oos_val`, then report once
 * on `test` + `oos_test`: in-scope accuracy (an abstention is wrong) and out-of-scope recall.
 *
 * Data: CLINC150 "Full" (`data_full.json`) from the clinc/oos-eval repository, by Larson et
 * al., "An Evaluation Dataset for Intent Classification and Out-of-Scope Prediction",
 * EMNLP-IJCNLP 2019. Licensed under Creative Commons Attribution 3.0 Unported (CC BY 3.0).
 */
import { englishBackground } from '../src/text/background.js';
import {
  type ClincData,
  clincDataExists,
  everyNth,
  type LabelledQuery,
  loadClinc,
  resolveClincPath,
} from './lib/clinc-data.js';
import { factdeskEngine, fuseEngine, type IntentEngine, minisearchEngine } from './lib/clinc-engines.js';
import { canCollect, measureBuild, timeEach } from './lib/measure.js';
import { chooseThreshold, quantile, report, score } from './lib/oos-threshold.js';

interface EngineResult {
  name: string;
  inScopeAccuracy: number;
  oosRecall: number;
  threshold: number;
  buildMs: number;
  buildCpuMs: number;
  p50Ms: number;
  p99Ms: number;
  heapMB: number;
  note: string;
}

const args = process.argv.slice(2);
const flag = (name: string): string | undefined => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const json = args.includes('--json');
const matcherOnly = args.includes('--matcher-only');
const fuseStep = Number(flag('--fuse-step') ?? 10);
const path = resolveClincPath(flag('--data'));

function run(
  name: string,
  data: ClincData,
  build: () => IntentEngine,
  step: number,
  note: string,
): EngineResult {
  const { value: engine, buildMs, cpuMs, heapMB } = measureBuild(build);
  const sample = (queries: LabelledQuery[]) => everyNth(queries, step);
  const validation = score([...sample(data.val), ...sample(data.oos_val)], (t) => engine.classify(t));
  const threshold = chooseThreshold(validation);
  const test = [...sample(data.test), ...sample(data.oos_test)];
  const { results, ms } = timeEach(test, (q) => ({ ...engine.classify(q.text), gold: q.intent }));
  const r = report(results, threshold);
  return {
    name,
    inScopeAccuracy: r.inScopeAccuracy,
    oosRecall: r.oosRecall,
    threshold,
    buildMs,
    buildCpuMs: cpuMs,
    p50Ms: quantile(ms, 0.5),
    p99Ms: quantile(ms, 0.99),
    heapMB,
    note: `${r.inScope} in-scope + ${r.outOfScope} out-of-scope test queries${note}`,
  };
}

/** "12.3x faster" or "4.5x slower": how Factdesk's time compares with another engine's. */
function ratio(theirs: number, ours: number): string {
  return theirs >= ours ? `${(theirs / ours).toFixed(1)}x faster` : `${(ours / theirs).toFixed(1)}x slower`;
}

function main(): number {
  if (!clincDataExists(path)) {
    console.error(
      `CLINC150 data not found at ${path}.\n` +
        'Pass --data PATH or set CLINC_DATA to data_full.json (see shared/datasets/clinc150/README.md).',
    );
    return 2;
  }
  const data = loadClinc(path);
  // Loaded once per process and shared by every index, like the bot does; not part of a build.
  const background = englishBackground();
  const log = (line: string) => console.log(line);
  log(`CLINC150 (data_full.json, CC BY 3.0, Larson et al. 2019): ${data.train.length} training queries`);
  log('threshold: best 151-class accuracy on val + oos_val; reported once on test + oos_test\n');

  const results: EngineResult[] = [];
  const show = (r: EngineResult) => {
    results.push(r);
    log(
      `${r.name.padEnd(12)} in-scope ${r.inScopeAccuracy.toFixed(2).padStart(6)}%  ` +
        `oos recall ${r.oosRecall.toFixed(2).padStart(6)}%  build ${r.buildMs.toFixed(0).padStart(5)} ms ` +
        `(cpu ${r.buildCpuMs.toFixed(0).padStart(5)} ms)  ` +
        `p50 ${r.p50Ms.toFixed(3)} ms  p99 ${r.p99Ms.toFixed(3)} ms  heap ${r.heapMB.toFixed(1)} MB` +
        `\n${''.padEnd(12)} threshold ${r.threshold.toFixed(4)}; ${r.note}`,
    );
  };
  show(run('factdesk', data, () => factdeskEngine(data.train, background), 1, ''));
  if (!matcherOnly) {
    show(run('minisearch', data, () => minisearchEngine(data.train), 1, ''));
    show(
      run(
        'plain fuse',
        data,
        () => fuseEngine(data.train),
        fuseStep,
        fuseStep > 1
          ? `: every ${fuseStep}th query of each split (val too), because fuse takes ~0.4 s a query`
          : '',
      ),
    );
    const [own, mini] = results;
    if (own && mini) {
      log(
        `\nfactdesk vs minisearch: p50 ${ratio(mini.p50Ms, own.p50Ms)}, p99 ${ratio(mini.p99Ms, own.p99Ms)}, ` +
          `build ${ratio(mini.buildMs, own.buildMs)}`,
      );
    }
  }
  if (!canCollect) log('(heap figures are approximate: run node with --expose-gc for retained heap)');
  log('heap = memory retained by the built index (JS heap + typed arrays), after garbage collection');

  const own = results[0];
  if (json && own) {
    const round = (n: number, digits: number) => Number(n.toFixed(digits));
    console.log(
      JSON.stringify({
        inScopeAccuracy: own.inScopeAccuracy,
        oosRecall: own.oosRecall,
        buildMs: round(own.buildMs, 1),
        p50Ms: round(own.p50Ms, 3),
        p99Ms: round(own.p99Ms, 3),
        heapMB: round(own.heapMB, 1),
      }),
    );
  }
  return 0;
}

process.exitCode = main();

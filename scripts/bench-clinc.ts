/**
 * CLINC150 intent benchmark (issue 7): Factdesk's matcher against plain fuse.js and minisearch.
 * `npm run bench:clinc -- --help` lists the options. A full run (all three engines) rewrites the
 * results table of `docs/clinc150.md`, the one place its figures are kept.
 *
 * Protocol (Larson et al. 2019, "oos-threshold"): index `train`, choose the abstention
 * threshold with the best accuracy over all 151 classes on `val` + `oos_val`, then report once
 * on `test` + `oos_test`: in-scope accuracy (an abstention is wrong) and out-of-scope recall.
 *
 * Data: CLINC150 "Full" (`data_full.json`) from the clinc/oos-eval repository, by Larson et
 * al., "An Evaluation Dataset for Intent Classification and Out-of-Scope Prediction",
 * EMNLP-IJCNLP 2019. Licensed under Creative Commons Attribution 3.0 Unported (CC BY 3.0).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineCli, positiveInteger, progress, runTool } from '../src/runtime/cli.js';
import { englishBackground } from '../src/text/background.js';
import {
  type ClincData,
  clincDataExists,
  everyNth,
  type LabelledQuery,
  loadClinc,
  resolveClincPath,
} from './lib/clinc-data.js';
import { type EngineFigures, ratio, replaceResults, resultsBlock } from './lib/clinc-docs.js';
import { factdeskEngine, fuseEngine, type IntentEngine, minisearchEngine } from './lib/clinc-engines.js';
import { canCollect, measureBuild, timeEach } from './lib/measure.js';
import { chooseThreshold, quantile, report, score } from './lib/oos-threshold.js';

const DOCS = fileURLToPath(new URL('../docs/clinc150.md', import.meta.url));

const spec = defineCli({
  name: 'bench:clinc',
  usage: ['npm run bench:clinc -- [--data PATH] [--matcher-only] [--fuse-step N] [--json] [--no-write]'],
  summary:
    "CLINC150 intent benchmark: Factdesk's matcher, minisearch and plain fuse.js; a full run rewrites the results in docs/clinc150.md.",
  options: {
    data: {
      type: 'string',
      value: 'PATH',
      help: 'data_full.json (else $CLINC_DATA, else ../shared/datasets/clinc150/data_full.json)',
    },
    'matcher-only': { type: 'boolean', help: 'skip the two baselines (quick runs; the docs are left alone)' },
    'fuse-step': {
      type: 'string',
      value: 'N',
      help: 'plain fuse.js on every N-th query of each split (default 10: it takes ~0.4 s a query)',
    },
    json: { type: 'boolean', help: "adds a last line: one JSON object with Factdesk's figures" },
    'no-write': { type: 'boolean', help: 'leave docs/clinc150.md as it is' },
  },
  notes: [
    'The data is not part of this repository: data/data_full.json of the clinc/oos-eval repository',
    'on GitHub (Larson et al. 2019, CC BY 3.0). Download it, then pass --data PATH or set CLINC_DATA.',
  ],
});

interface EngineResult {
  name: string;
  /** As the docs' table names it. */
  label: string;
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

function run(
  [name, label]: [string, string],
  data: ClincData,
  build: () => IntentEngine,
  step: number,
  note: string,
): EngineResult {
  const { value: engine, buildMs, cpuMs, heapMB } = measureBuild(build);
  const sample = (queries: LabelledQuery[]) => everyNth(queries, step);
  const checks = [...sample(data.val), ...sample(data.oos_val)];
  const test = [...sample(data.test), ...sample(data.oos_test)];
  // On stderr, and only when it is a terminal: what is printed or piped stays the results.
  const bar = progress(name, checks.length + test.length);
  const validation = score(checks, (t) => {
    bar.tick();
    return engine.classify(t);
  });
  const threshold = chooseThreshold(validation);
  const { results, ms } = timeEach(
    test,
    (q) => ({ ...engine.classify(q.text), gold: q.intent }),
    () => bar.tick(),
  );
  bar.done();
  const r = report(results, threshold);
  return {
    name,
    label,
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

runTool(spec, ({ values }) => {
  const json = values.json;
  const matcherOnly = values['matcher-only'];
  const fuseStep = positiveInteger(values['fuse-step'], 'fuse-step', 10);
  const path = resolveClincPath(values.data);
  if (!clincDataExists(path)) {
    process.stderr.write(
      `bench:clinc: CLINC150 data not found at ${path}.\n` +
        'It is not part of this repository: it is data/data_full.json of the clinc/oos-eval repository on GitHub\n' +
        '(Larson et al. 2019, CC BY 3.0). Download it, then pass --data PATH or set CLINC_DATA.\n',
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
  show(run(['factdesk', 'Factdesk matcher'], data, () => factdeskEngine(data.train, background), 1, ''));
  if (!matcherOnly) {
    show(
      run(['minisearch', 'minisearch (BM25, top-10 vote)'], data, () => minisearchEngine(data.train), 1, ''),
    );
    show(
      run(
        ['plain fuse', fuseStep === 1 ? 'plain fuse.js' : `plain fuse.js (every ${fuseStep}th query)`],
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

  if (!matcherOnly && !values['no-write']) {
    const block = resultsBlock(results as EngineFigures[], {
      date: new Date().toISOString().slice(0, 10),
      cores: cpus().length,
      node: process.versions.node,
      load: loadavg()[0] ?? 0,
    });
    writeFileSync(DOCS, replaceResults(readFileSync(DOCS, 'utf8'), block));
    log(`results written to docs/clinc150.md`);
  }

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
});

/**
 * The results table of `docs/clinc150.md`, written by `npm run bench:clinc` itself: the one place
 * its figures live (the README links there rather than copying them, so they cannot disagree).
 */

/** One engine's figures, as the benchmark measured them. */
export interface EngineFigures {
  label: string;
  inScopeAccuracy: number;
  oosRecall: number;
  buildMs: number;
  buildCpuMs: number;
  p50Ms: number;
  p99Ms: number;
  heapMB: number;
}

/** Where and how the figures were measured, said above the table. */
export interface RunFacts {
  date: string;
  cores: number;
  node: string;
  /** The machine's one-minute load average at the end of the run: how much it was shared. */
  load: number;
}

export const RESULTS_START = '<!-- results: written by `npm run bench:clinc`; edits here are overwritten -->';
export const RESULTS_END = '<!-- end of results -->';

/** The block between the markers: provenance, the table, and how Factdesk compares for speed. */
export function resultsBlock(engines: readonly EngineFigures[], facts: RunFacts): string {
  const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
  const rows = engines.map(
    (e) =>
      `| ${e.label} | ${e.inScopeAccuracy.toFixed(2)} | ${e.oosRecall.toFixed(1)} | ${seconds(e.buildMs)} / ${seconds(e.buildCpuMs)} | ${e.p50Ms.toFixed(3)} ms | ${e.p99Ms.toFixed(2)} ms | ${e.heapMB.toFixed(1)} MB |`,
  );
  const [own, ...others] = engines;
  const comparisons = own
    ? others.map(
        (o) =>
          `Against ${o.label}: p50 ${ratio(o.p50Ms, own.p50Ms)}, p99 ${ratio(o.p99Ms, own.p99Ms)}, build ${ratio(o.buildMs, own.buildMs)}.`,
      )
    : [];
  return [
    `${facts.date}, ${facts.cores}-core machine shared with other jobs (load average ${facts.load.toFixed(1)} at the end: timings are noisy, accuracy is not), Node ${facts.node}; one run.`,
    '',
    '| engine | in-scope acc. | oos recall | build (wall / cpu) | p50 | p99 | memory |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    ...(comparisons.length > 0 ? ['', ...comparisons] : []),
  ].join('\n');
}

/** `markdown` with the block between the markers replaced; an error when the markers are missing. */
export function replaceResults(markdown: string, block: string): string {
  const start = markdown.indexOf(RESULTS_START);
  const end = markdown.indexOf(RESULTS_END);
  if (start < 0 || end < start) {
    throw new Error(`the results markers are missing: ${RESULTS_START} … ${RESULTS_END}`);
  }
  return `${markdown.slice(0, start + RESULTS_START.length)}\n${block}\n${markdown.slice(end)}`;
}

/** "12.3x faster" or "4.5x slower": how Factdesk's time compares with another engine's. */
export function ratio(theirs: number, ours: number): string {
  return theirs >= ours ? `${(theirs / ours).toFixed(1)}x faster` : `${(ours / theirs).toFixed(1)}x slower`;
}

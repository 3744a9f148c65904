/** Timing and memory helpers for benchmarks. */

type MaybeGc = { gc?: () => void };

/** True when node runs with `--expose-gc`, so heap figures are retained memory, not noise. */
export const canCollect = typeof (globalThis as MaybeGc).gc === 'function';

function collect(): void {
  (globalThis as MaybeGc).gc?.();
}

/** Builds something, timing it and measuring the heap it keeps alive afterwards. */
export function measureBuild<T>(build: () => T): { value: T; buildMs: number; heapMB: number } {
  collect();
  const before = process.memoryUsage().heapUsed;
  const start = performance.now();
  const value = build();
  const buildMs = performance.now() - start;
  collect();
  const heapMB = (process.memoryUsage().heapUsed - before) / 2 ** 20;
  return { value, buildMs, heapMB };
}

/** Runs `fn` on each item, returning results and per-item milliseconds. */
export function timeEach<T, R>(items: readonly T[], fn: (item: T) => R): { results: R[]; ms: number[] } {
  const results: R[] = [];
  const ms: number[] = [];
  for (const item of items) {
    const start = performance.now();
    results.push(fn(item));
    ms.push(performance.now() - start);
  }
  return { results, ms };
}

/** Timing and memory helpers for benchmarks. */

type MaybeGc = { gc?: () => void };

/** True when node runs with `--expose-gc`, so heap figures are retained memory, not noise. */
export const canCollect = typeof (globalThis as MaybeGc).gc === 'function';

function collect(): void {
  // Twice: memory of a dead typed array is only returned after the collection that finds it
  // dead, so a single pass can still count the previous engine's index.
  (globalThis as MaybeGc).gc?.();
  (globalThis as MaybeGc).gc?.();
}

// Typed arrays keep their data outside the JS heap; count it, or a Float32Array index looks free.
function used(): number {
  const m = process.memoryUsage();
  return m.heapUsed + m.arrayBuffers;
}

/**
 * Builds something, timing it and measuring the memory (heap and typed arrays) it keeps alive.
 * CPU time is reported too: on a machine shared with other jobs wall time can double.
 */
export function measureBuild<T>(build: () => T): {
  value: T;
  buildMs: number;
  cpuMs: number;
  heapMB: number;
} {
  collect();
  const before = used();
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = build();
  const buildMs = performance.now() - start;
  const spent = process.cpuUsage(cpu);
  const cpuMs = (spent.user + spent.system) / 1000;
  collect();
  const heapMB = (used() - before) / 2 ** 20;
  return { value, buildMs, cpuMs, heapMB };
}

/**
 * Runs `fn` on each item, returning results and per-item milliseconds; `after` runs after each
 * item, outside the time measured (a progress bar's tick).
 */
export function timeEach<T, R>(
  items: readonly T[],
  fn: (item: T) => R,
  after: () => void = () => {},
): { results: R[]; ms: number[] } {
  const results: R[] = [];
  const ms: number[] = [];
  for (const item of items) {
    const start = performance.now();
    results.push(fn(item));
    ms.push(performance.now() - start);
    after();
  }
  return { results, ms };
}

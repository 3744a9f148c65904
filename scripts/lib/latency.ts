/** Percentile of a sample (nearest rank), in the sample's unit. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank] ?? 0;
}

/**
 * Times `fn` on every input, `rounds` times over, and returns per-call milliseconds, sorted.
 * `onRound` is called after each round, outside the timing (for a progress bar).
 */
export function timeEach<T>(
  inputs: T[],
  rounds: number,
  fn: (input: T) => unknown,
  onRound: () => void = () => {},
): number[] {
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const input of inputs) {
      const start = process.hrtime.bigint();
      fn(input);
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    onRound();
  }
  return times.sort((a, b) => a - b);
}

/** As {@link timeEach}, for a function that answers through a promise: timed until it settles. */
export async function timeEachAsync<T>(
  inputs: T[],
  rounds: number,
  fn: (input: T) => Promise<unknown>,
  onRound: () => void = () => {},
): Promise<number[]> {
  const times: number[] = [];
  for (let r = 0; r < rounds; r++) {
    for (const input of inputs) {
      const start = process.hrtime.bigint();
      await fn(input);
      times.push(Number(process.hrtime.bigint() - start) / 1e6);
    }
    onRound();
  }
  return times.sort((a, b) => a - b);
}

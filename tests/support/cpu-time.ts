/**
 * Timing in CPU time, for bounds that must hold on a busy machine. Wall time counts whatever else
 * the machine runs (other test files, other developers' jobs); the process's CPU time counts its
 * own work, plus the odd garbage collection on a helper thread, which taking the least of a few
 * runs filters out. A path that is really slow is slow every run, so such a bound can still fail.
 */

/** CPU milliseconds (user + system) the process spent while `work` ran. */
export function cpuMs(work: () => unknown): number {
  const started = process.cpuUsage();
  work();
  const used = process.cpuUsage(started);
  return (used.user + used.system) / 1000;
}

/** {@link cpuMs} for asynchronous work, with its result. */
export async function cpuMsAsync<T>(work: () => Promise<T>): Promise<{ value: T; ms: number }> {
  const started = process.cpuUsage();
  const value = await work();
  const used = process.cpuUsage(started);
  return { value, ms: (used.user + used.system) / 1000 };
}

/** The least CPU time of `runs` runs of `work`. */
export async function leastCpuMs(work: () => unknown, runs = 3): Promise<number> {
  let least = Number.POSITIVE_INFINITY;
  for (let i = 0; i < runs; i++) least = Math.min(least, (await cpuMsAsync(async () => work())).ms);
  return least;
}

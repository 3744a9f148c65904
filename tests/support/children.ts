import { type ChildProcess, type SpawnOptions, spawn } from 'node:child_process';
import { once } from 'node:events';

/**
 * Child processes started by tests, so that none outlives its test: the integration project's
 * setup (tests/support/integration-setup.ts) kills every one still running after each test, pass
 * or fail (a test that times out never reaches its own `finally`), and again when the worker exits.
 *
 * {@link spawnTracked} starts the child in a process group of its own and kills the whole group,
 * so that whatever it started in turn (shard processes, an `npm run` wrapper's node) goes too. A
 * child started elsewhere (scripts/lib/child-app.ts) is handed to {@link track} and killed alone.
 */

interface Tracked {
  child: ChildProcess;
  group: boolean;
  exited: Promise<unknown>;
}

const running = new Set<Tracked>();

const alive = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

export function track(child: ChildProcess, { group = false } = {}): ChildProcess {
  const entry: Tracked = { child, group, exited: alive(child) ? once(child, 'exit') : Promise.resolve() };
  running.add(entry);
  void entry.exited.finally(() => running.delete(entry));
  return child;
}

/** `spawn` in a new process group, tracked. */
export function spawnTracked(
  command: string,
  args: readonly string[],
  options: SpawnOptions = {},
): ChildProcess {
  return track(spawn(command, args, { ...options, detached: true }), { group: true });
}

function kill({ child, group }: Tracked): void {
  if (child.pid === undefined) return;
  try {
    // A negative pid signals the whole group; the group may be gone already while the child lingers.
    if (group) process.kill(-child.pid, 'SIGKILL');
    else child.kill('SIGKILL');
  } catch {
    if (alive(child)) child.kill('SIGKILL');
  }
}

/** Kills every tracked child still running and waits until each has exited. */
export async function killChildren(): Promise<number> {
  const left = [...running].filter((t) => alive(t.child));
  for (const tracked of left) kill(tracked);
  await Promise.all(left.map((t) => t.exited));
  return left.length;
}

/** Synchronous, for `process.on('exit')`, where nothing can be awaited. */
export function killChildrenNow(): void {
  for (const tracked of running) if (alive(tracked.child)) kill(tracked);
}

import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createInterface } from 'node:readline';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** Absolute, so that the app can run in another working directory (to read another `.env`). */
const ENTRY_POINT = fileURLToPath(new URL('../../bin/start.ts', import.meta.url));
const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** Factdesk started through its real entry point, `bin/start.ts`, as a child process. */
export interface ChildApp {
  child: ChildProcess;
  /** Every stderr line so far (JSON logs, the terminal chat's readable ones, or a plain fatal line). */
  readonly logs: string[];
  /** Every stdout line so far (the console chat). */
  readonly output: string[];
  /** Resolves with the first log line that matches; rejects when the process ends first or after `timeoutMs`. */
  waitForLog(
    match: (entry: Record<string, unknown>) => boolean,
    timeoutMs?: number,
  ): Promise<Record<string, unknown>>;
  /** Resolves with the exit code (or the signal's name). */
  readonly exited: Promise<number | string>;
  /** Sends `signal` and waits for the exit; kills outright after `timeoutMs`. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<number | string>;
}

/**
 * Runs `bin/start.ts` with exactly `env` (plus PATH), so that nothing of the caller's
 * environment, tokens included, leaks in. Node with tsx's loader rather than `npx tsx`: one
 * process, so the child's pid is the app's and a signal reaches it directly.
 */
export function startChildApp(
  env: Record<string, string>,
  options: { cwd?: string; stdin?: string } = {},
): ChildApp {
  const child = spawn(process.execPath, ['--import', TSX_LOADER, ENTRY_POINT], {
    cwd: options.cwd ?? process.cwd(),
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  if (options.stdin !== undefined) child.stdin?.end(options.stdin);
  const logs: string[] = [];
  const output: string[] = [];
  const watchers = new Set<(line: string) => void>();
  if (child.stderr) {
    createInterface({ input: child.stderr }).on('line', (line) => {
      logs.push(line);
      for (const watcher of watchers) watcher(line);
    });
  }
  if (child.stdout) createInterface({ input: child.stdout }).on('line', (line) => output.push(line));
  const exited = new Promise<number | string>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal ?? 'unknown'));
  });

  const parse = (line: string): Record<string, unknown> | undefined =>
    jsonObject(line) ?? readableLogLine(line);

  return {
    child,
    logs,
    output,
    exited,
    waitForLog(match, timeoutMs = 20_000) {
      for (const line of logs) {
        const entry = parse(line);
        if (entry && match(entry)) return Promise.resolve(entry);
      }
      return new Promise((resolve, reject) => {
        const watcher = (line: string) => {
          const entry = parse(line);
          if (entry && match(entry)) {
            cleanup();
            resolve(entry);
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`timed out waiting for a log line; last lines:\n${logs.slice(-5).join('\n')}`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          watchers.delete(watcher);
        };
        watchers.add(watcher);
        void exited.then((code) => {
          cleanup();
          reject(new Error(`factdesk exited (${code}) first; last lines:\n${logs.slice(-5).join('\n')}`));
        });
      });
    },
    async stop(signal = 'SIGTERM', timeoutMs = 15_000) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      const timer = setTimeout(() => child.kill('SIGKILL'), timeoutMs);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}

function jsonObject(text: string): Record<string, unknown> | undefined {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A log line as the terminal chat prints it (src/runtime/terminal-log.ts):
 * `[12:04:31] INFO: knowledge reloaded {"packs":…}`, read back into `{ msg, ...fields }`.
 */
function readableLogLine(line: string): Record<string, unknown> | undefined {
  const m = /^\[\d\d:\d\d:\d\d\] [A-Z]+: (.*?)(?: (\{.*\}))?$/.exec(line);
  if (!m) return undefined;
  return { ...(m[2] ? jsonObject(m[2]) : {}), msg: m[1] };
}

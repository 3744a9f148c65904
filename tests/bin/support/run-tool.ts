import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { spawnTracked } from '../../support/children.js';

const TSX_LOADER = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

export interface ToolRun {
  code: number | string;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** The whole environment besides PATH: nothing of the caller's (tokens included) leaks in. */
  env?: Record<string, string>;
  cwd?: string;
  /** Written to stdin, which is then closed; stdin is closed at once when absent. */
  input?: string;
  /** Killed (SIGKILL) after this long; the integration setup kills it too when its test ends. */
  timeoutMs?: number;
}

/**
 * Runs one of the repository's tools (`bin/ask.ts`, `scripts/kb-check.ts`, …) as a process, with
 * node and tsx's loader as the npm scripts do, and resolves with its exit code and output.
 */
export function runTool(script: string, args: readonly string[], options: RunOptions = {}): Promise<ToolRun> {
  const child = spawnTracked(process.execPath, ['--import', TSX_LOADER, `${ROOT}${script}`, ...args], {
    cwd: options.cwd ?? ROOT,
    env: { PATH: process.env.PATH ?? '', ...options.env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  child.stdin?.end(options.input ?? '');
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 30_000);
  return new Promise((resolve) => {
    child.once('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: code ?? signal ?? 'unknown', stdout, stderr });
    });
  });
}

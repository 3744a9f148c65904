import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { track } from '../support/children.js';

/** `npm run review` as a process: its usage, exit codes, and a log not made yet. */
const data = mkdtempSync(join(tmpdir(), 'factdesk-review-cli-'));
afterAll(() => rmSync(data, { recursive: true, force: true }));

function review(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(
      process.execPath,
      ['--import', 'tsx', 'scripts/review.ts', ...args],
      { env: { PATH: process.env.PATH ?? '', DATA_DIR: data }, encoding: 'utf8' },
      (error, stdout, stderr) => resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
    track(child);
  });
}

describe('npm run review', () => {
  it('explains itself, refuses unknown flags and half an --add with its usage line and exit code 2, and reads no log into being', async () => {
    const [help, unknown, half, empty] = await Promise.all([
      review('--help'),
      review('--json', '--frobnicate'),
      review('--add', 'where was it'),
      review('--json', '--since', '7d'),
    ]);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^usage: npm run review -- /);
    expect(help.stdout).toContain('--add, --to');
    expect(unknown).toMatchObject({ code: 2, stdout: '' });
    expect(unknown.stderr).toMatch(/^review: Unknown option '--frobnicate'.*\nusage: npm run review -- /s);
    expect(half.code).toBe(2);
    expect(half.stderr).toContain('review: --add and --to go together\nusage: ');
    expect(empty.code).toBe(0);
    const report = JSON.parse(empty.stdout) as Record<string, unknown[]>;
    expect(Object.keys(report)).toEqual(['unanswered', 'proposals', 'feedback', 'cards']);
    expect(report.cards?.length).toBeGreaterThan(0);
    expect(report.unanswered).toEqual([]);
  }, 120_000);
});

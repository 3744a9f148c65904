import { spawnSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';

/**
 * `npm run --silent ask -- --json --stdin` is used by external checks: one JSON object per input
 * line, in order, and nothing else on stdout.
 */
describe('bin/ask.ts --json --stdin', () => {
  it('prints exactly one JSON object per input line and nothing else', () => {
    const input = ['Who is Vadim Krasikov?', '', 'What is the capital of Australia?', 'help'].join('\n');
    const run = spawnSync(process.execPath, ['--import', 'tsx', 'bin/ask.ts', '--json', '--stdin'], {
      input: `${input}\n`,
      encoding: 'utf8',
      env: { ...process.env, LOG_LEVEL: 'info' },
      // Synchronous, so no hook can run while it hangs: it ends itself instead.
      timeout: 50_000,
      killSignal: 'SIGKILL',
    });
    expect(run.status).toBe(0);
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(4);
    const objects = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    for (const o of objects) {
      expect(Object.keys(o)).toEqual(['question', 'matched', 'card', 'confidence', 'answer', 'suggestions']);
    }
    expect(objects.map((o) => o.question)).toEqual(input.split('\n'));
    expect(objects.map((o) => o.matched)).toEqual([true, false, false, false]);
    expect(typeof objects[0]?.card).toBe('string');
  });
});

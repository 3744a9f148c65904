/**
 * Two test projects. Which one does a new test belong in?
 *
 * - `integration`: the test spawns a process, listens on or connects to a port (a fake Slack or
 *   Discord, the health server, PostgreSQL, Redis) or waits on the file system. Chosen by FILE
 *   NAME: end it in `.integration.test.ts`, e.g. `tests/adapters/slack/http-mode.integration.test.ts`.
 *   It gets 60 s per test and per hook, and tests/support/integration-setup.ts, which kills every
 *   child process a test leaves running, pass, fail or timeout: start children with
 *   `spawnTracked()` or hand them to `track()` (tests/support/children.ts).
 * - `unit`: every other `tests/**\/*.test.ts`: in-process, no I/O beyond reading files; 10 s per test.
 *   Unit files share one module registry per worker (`isolate: false`: the unit project runs in
 *   12 s instead of 48 s on a busy 2-core machine), so a unit test must not mock modules, change
 *   `process.env` or leave global state behind; a test that needs to belongs in `integration`.
 *
 * In both, wait for a signal (a log line, a request the fake received, a later event that proves an
 * earlier one would have arrived), never for a fixed time; bound durations in CPU time or with
 * wide margins, since `npm test` must pass on a 2-core machine that is busy with other work.
 * `npx vitest run --project unit` (or `integration`) runs one project.
 */
import { defineConfig } from 'vitest/config';

const integration = 'tests/**/*.integration.test.ts';

export default defineConfig({
  test: {
    // expect.poll's 1 s default is a failure bound too short for a busy machine.
    expect: { poll: { timeout: 20_000, interval: 20 } },
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          isolate: false,
          include: ['tests/**/*.test.ts'],
          exclude: [integration],
          testTimeout: 10_000,
        },
      },
      {
        extends: true,
        test: {
          name: 'integration',
          include: [integration],
          setupFiles: ['tests/support/integration-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});

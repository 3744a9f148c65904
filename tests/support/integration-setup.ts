import { afterAll, afterEach } from 'vitest';
import { killChildren, killChildrenNow } from './children.js';

/**
 * Set up for every file of the integration project (vitest.config.ts): no child process a test
 * started outlives it, whether the test passed, failed or timed out (a timed-out test never
 * reaches its own `finally`). Tests of a `describe.concurrent` block share the file's children,
 * so theirs are killed when the file ends rather than when one of them does.
 */
afterEach(async (context) => {
  if (!context.task.concurrent) await killChildren();
});

afterAll(async () => {
  await killChildren();
});

process.once('exit', killChildrenNow);

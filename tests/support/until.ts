/**
 * Resolves once `check` holds, looking every 10 ms: a wait for a state, never for a time. The
 * timeout only bounds a failure; it is far above what any passing run takes, so that a slow,
 * busy machine does not fail the test.
 */
export function until(
  check: () => boolean | Promise<boolean>,
  what: string,
  timeoutMs = 20_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const poll = async () => {
      if (await check()) return resolve();
      if (Date.now() > deadline) return reject(new Error(`timed out waiting for ${what}`));
      setTimeout(poll, 10);
    };
    poll().catch(reject);
  });
}

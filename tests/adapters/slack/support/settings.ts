/**
 * For tests of anything but shedding: a test process on a busy machine can run half a second
 * late now and then, or be busy when a request stamped long ago (a replay) arrives, and the
 * adapter would then refuse requests (see `take-turns.ts`, `http-receiver.ts`), which is right
 * in production and a flake here. The shedding tests set their own limits.
 */
export const NO_LAG_SHEDDING = { SLACK_MAX_LAG_MS: '600000', SLACK_STALE_AFTER_MS: '600000' } as const;

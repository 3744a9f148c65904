import type { Logger } from '../../src/log.js';

/**
 * A warning that can come thousands of times a second under load (requests shed, connections
 * refused): the first occurrence is logged at once, later ones are counted and logged at most
 * once per `intervalMs`, with how many there were since the last line (`count`) and in all
 * (`total`). Every occurrence is counted and reaches the log; none costs a line of its own.
 */
export interface ThrottledWarning {
  (fields?: Record<string, unknown>): void;
  /** Occurrences so far, logged or not. */
  readonly total: number;
}

export function throttledWarning(logger: Logger, message: string, intervalMs = 1000): ThrottledWarning {
  let total = 0;
  let unlogged = 0;
  let last: Record<string, unknown> = {};
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    timer = undefined;
    if (unlogged === 0) return;
    logger.warn({ ...last, count: unlogged, total }, message);
    unlogged = 0;
    // The next occurrence waits for the interval to pass, counted meanwhile.
    timer = setTimeout(flush, intervalMs);
    timer.unref();
  };
  const warn = (fields: Record<string, unknown> = {}) => {
    total += 1;
    unlogged += 1;
    last = fields;
    if (timer === undefined) flush();
  };
  Object.defineProperty(warn, 'total', { get: () => total });
  return warn as ThrottledWarning;
}

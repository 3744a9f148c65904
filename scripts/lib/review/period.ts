import type { Period } from './read-log.js';

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * A period from `--since` and `--until`: a date (YYYY-MM-DD, UTC, from its start) or a number of
 * days back (`7d`). `--until` is exclusive (`--until 2026-11-01` ends before that day). By
 * default the last 30 days, the default retention of question text.
 */
export function parsePeriod(
  since: string | undefined,
  until: string | undefined,
  now: number,
): Period | string {
  const from = since === undefined ? new Date(now - 30 * DAY_MS) : readWhen(since, now);
  const to = until === undefined ? new Date(now + 1000) : readWhen(until, now);
  if (typeof from === 'string') return `--since ${from}`;
  if (typeof to === 'string') return `--until ${to}`;
  if (from >= to) return '--since must come before --until';
  return { from, to };
}

function readWhen(value: string, now: number): Date | string {
  const days = /^(\d{1,5})d$/.exec(value);
  if (days) return new Date(now - Number(days[1]) * DAY_MS);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) {
    const date = new Date(`${value}T00:00:00.000Z`);
    if (!Number.isNaN(date.getTime()) && date.toISOString().startsWith(value)) return date;
  }
  return `"${value}" is neither a date (YYYY-MM-DD) nor a number of days (7d)`;
}

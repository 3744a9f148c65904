import { webApi } from '@slack/bolt';
import { PlatformUnreachableError } from '../../src/errors.js';
import type { Logger } from '../../src/log.js';

/** Slack's Web API, unless `SLACK_API_URL` points elsewhere. */
export const SLACK_API_DEFAULT = 'https://slack.com/api/';

export interface ReachOptions {
  token: string;
  /** Longest wait for an answer, in milliseconds (`SLACK_STARTUP_WAIT_MS`). */
  waitMs: number;
  logger: Logger;
  /** The Web API client options Bolt gets: `slackApiUrl` (a proxy, a test fake) among them. */
  clientOptions?: webApi.WebClientOptions;
}

/** The first pause between attempts; each pause doubles, up to {@link MAX_PAUSE_MS}. */
const FIRST_PAUSE_MS = 250;
const MAX_PAUSE_MS = 4000;

/**
 * Waits, at most `waitMs`, until Slack's Web API answers `auth.test`, before Bolt starts. Bolt's
 * own client retries an unreachable API for about half an hour, with a "fetch failed" warning
 * each time and no word of giving up; a start-up should rather say once that it is retrying,
 * and then fail with one line naming the URL and the reason. Any answer from the API counts,
 * an error too (`invalid_auth` is Bolt's to report); only a request that got no answer (refused,
 * timed out, no route) is tried again. Bolt's client, and its retries of replies, are untouched.
 */
export async function reachSlackApi(options: ReachOptions): Promise<void> {
  const url = options.clientOptions?.slackApiUrl ?? SLACK_API_DEFAULT;
  const startedAt = performance.now();
  const left = () => options.waitMs - (performance.now() - startedAt);
  let pause = FIRST_PAUSE_MS;
  /** Why the first attempt failed: later ones, cut short by the deadline, may only time out. */
  let reason = '';
  for (let attempt = 1; ; attempt++) {
    const client = new webApi.WebClient(options.token, {
      ...options.clientOptions,
      slackApiUrl: url,
      // One try per call, no longer than what is left of the wait: the retries are ours.
      retryConfig: { retries: 0 },
      timeout: Math.max(1, Math.min(10_000, Math.round(left()))),
      logger: silent,
    });
    try {
      await client.auth.test();
      return;
    } catch (error) {
      const why = unanswered(error);
      if (!why) return;
      reason ||= why;
    }
    if (attempt === 1) {
      options.logger.warn(
        { platform: 'slack', url, err: reason, waitMs: options.waitMs },
        'Slack Web API unreachable; retrying until the start-up wait runs out',
      );
    }
    if (left() <= 0) break;
    await new Promise((resolve) => setTimeout(resolve, Math.min(pause, left())));
    pause = Math.min(MAX_PAUSE_MS, pause * 2);
    if (left() <= 0) break;
  }
  throw new PlatformUnreachableError(
    'slack',
    `the Web API at ${url} did not answer in ${Math.round(options.waitMs / 1000)} s (${reason}); check the network or proxy, or SLACK_API_URL`,
  );
}

/**
 * Why a Web API call got no answer, or '' when it did get one (an error the API returned, an
 * HTTP status, a rate limit: the API is there).
 */
function unanswered(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  const code = 'code' in error ? error.code : undefined;
  if (code !== webApi.ErrorCode.RequestError) return '';
  const original = 'original' in error && error.original instanceof Error ? error.original : error;
  const cause = original.cause instanceof Error ? original.cause.message : '';
  return cause ? `${original.message}: ${cause}` : original.message;
}

/** This client's own logs would repeat, per attempt, what the one warning above says. */
const silent: webApi.Logger = {
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  setLevel: () => {},
  getLevel: () => webApi.LogLevel.ERROR,
  setName: () => {},
};

import { z } from 'zod';
import { apiUrl, type ConfigIssue, integer, optionalText } from '../../src/config.js';
import { ConfigError } from '../../src/errors.js';

/** Slack's settings; `.env.example` lists and explains each one. */
export const slackSettings = z.object({
  SLACK_BOT_TOKEN: optionalText.pipe(z.string().startsWith('xoxb-', 'must start with xoxb-').optional()),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.pipe(z.string().startsWith('xapp-', 'must start with xapp-').optional()),
  SLACK_COMMAND: optionalText.pipe(
    z
      .string()
      .regex(/^\/[a-z0-9_-]+$/, 'must look like /ask')
      .default('/ask'),
  ),
  SLACK_API_URL: apiUrl,
  // HTTP mode: how much work one instance takes before it refuses more (docs/operations.md).
  SLACK_MAX_CONNECTIONS: integer(1, 100_000, 256),
  SLACK_MAX_PENDING: integer(1, 1_000_000, 500),
  SLACK_MAX_LAG_MS: integer(10, 600_000, 500),
  SLACK_STALE_AFTER_MS: integer(1000, 600_000, 2500),
  SLACK_REQUEST_TIMEOUT_MS: integer(100, 600_000, 10_000),
  SLACK_REPLAY_CAPACITY: integer(1000, 50_000_000, 400_000),
});

export type SlackSettings = Readonly<z.infer<typeof slackSettings>>;

export const SLACK_SECRETS = ['SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', 'SLACK_APP_TOKEN'] as const;

/** How Bolt reaches Slack: Socket Mode with an app-level token, else signed HTTP requests. */
export type SlackConnection =
  | { mode: 'socket'; botToken: string; appToken: string }
  | { mode: 'http'; botToken: string; signingSecret: string };

export type SlackMode = SlackConnection['mode'];

/** Socket Mode whenever an app-level token is configured, else signed HTTP requests. */
export function slackMode(settings: Pick<SlackSettings, 'SLACK_APP_TOKEN'>): SlackMode {
  return settings.SLACK_APP_TOKEN ? 'socket' : 'http';
}

/**
 * The connection the settings describe, or the first setting it lacks. The one place where
 * the rules are: a bot token always, and in HTTP mode the signing secret.
 */
export function slackConnectionOf(settings: SlackSettings): SlackConnection | ConfigIssue {
  const botToken = settings.SLACK_BOT_TOKEN;
  if (!botToken) return { variable: 'SLACK_BOT_TOKEN', reason: 'required to start the Slack adapter' };
  if (settings.SLACK_APP_TOKEN) return { mode: 'socket', botToken, appToken: settings.SLACK_APP_TOKEN };
  if (!settings.SLACK_SIGNING_SECRET) {
    return {
      variable: 'SLACK_SIGNING_SECRET',
      reason: 'required in HTTP mode (when SLACK_APP_TOKEN is not set)',
    };
  }
  return { mode: 'http', botToken, signingSecret: settings.SLACK_SIGNING_SECRET };
}

/** As {@link slackConnectionOf}, throwing a `ConfigError` for a missing setting. */
export function slackConnection(settings: SlackSettings): SlackConnection {
  const connection = slackConnectionOf(settings);
  if ('variable' in connection) throw new ConfigError(connection.variable, connection.reason);
  return connection;
}

import { App, type webApi } from '@slack/bolt';
import type { Config } from '../../src/config.js';
import { ConfigError } from '../../src/errors.js';
import type { Logger } from '../../src/log.js';
import { boltLogger } from './bolt-logger.js';

export type SlackConfig = Pick<
  Config,
  'SLACK_BOT_TOKEN' | 'SLACK_SIGNING_SECRET' | 'SLACK_APP_TOKEN' | 'SLACK_API_URL'
>;

export type SlackMode = 'socket' | 'http';

/** Socket Mode whenever an app-level token is configured, else signed HTTP requests. */
export function slackMode(config: SlackConfig): SlackMode {
  return config.SLACK_APP_TOKEN ? 'socket' : 'http';
}

/**
 * Builds the Bolt app for the configured mode. Socket Mode needs no public URL (local use, a
 * single instance behind a firewall); HTTP mode serves `/slack/events` and verifies Slack's
 * signature on every request, so it can run as several instances behind a load balancer.
 */
export function createSlackApp(
  config: SlackConfig,
  logger: Logger,
  clientOptions: webApi.WebClientOptions = {},
): App {
  const token = config.SLACK_BOT_TOKEN;
  if (!token) throw new ConfigError('SLACK_BOT_TOKEN', 'required to start the Slack adapter');
  const common = {
    token,
    logger: boltLogger(logger),
    clientOptions: {
      ...(config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL } : {}),
      ...clientOptions,
    },
    // auth.test then runs in start() through app.init(), so a bad token fails start-up with an
    // error instead of surfacing later as an unhandled rejection.
    deferInitialization: true,
    // Bolt's conversation store is not used: follow-up memory is the core's, keyed by Query.conversation.
    convoStore: false as const,
  };
  if (config.SLACK_APP_TOKEN) {
    return new App({ ...common, socketMode: true, appToken: config.SLACK_APP_TOKEN });
  }
  if (!config.SLACK_SIGNING_SECRET) {
    throw new ConfigError('SLACK_SIGNING_SECRET', 'required in HTTP mode (when SLACK_APP_TOKEN is not set)');
  }
  return new App({ ...common, signingSecret: config.SLACK_SIGNING_SECRET });
}

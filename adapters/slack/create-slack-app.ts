import { App, type webApi } from '@slack/bolt';
import type { Logger } from '../../src/log.js';
import { boltLogger } from './bolt-logger.js';
import type { SlackReceiver } from './http-receiver.js';
import { type SlackSettings, slackConnection } from './settings.js';

export interface SlackAppExtras {
  clientOptions?: webApi.WebClientOptions;
  /** HTTP mode: the receiver our server hands requests to (`http-receiver.ts`). */
  receiver?: (signingSecret: string) => SlackReceiver;
}

/** The Bolt app, and in HTTP mode the receiver whose `handle` our server calls. */
export interface SlackApp {
  app: App;
  receiver?: SlackReceiver;
}

/**
 * Builds the Bolt app for the configured mode. Socket Mode needs no public URL (local use, a
 * single instance behind a firewall); HTTP mode serves `/slack/events` and verifies Slack's
 * signature on every request, so it can run as several instances behind a load balancer.
 */
export function createSlackApp(config: SlackSettings, logger: Logger, extras: SlackAppExtras = {}): SlackApp {
  const connection = slackConnection(config);
  const common = {
    token: connection.botToken,
    logger: boltLogger(logger),
    clientOptions: {
      ...(config.SLACK_API_URL ? { slackApiUrl: config.SLACK_API_URL } : {}),
      ...extras.clientOptions,
    },
    // auth.test then runs in start() through app.init(), so a bad token fails start-up with an
    // error instead of surfacing later as an unhandled rejection.
    deferInitialization: true,
    // Bolt's conversation store is not used: follow-up memory is the core's, keyed by Query.conversation.
    convoStore: false as const,
  };
  if (connection.mode === 'socket') {
    return { app: new App({ ...common, socketMode: true, appToken: connection.appToken }) };
  }
  if (!extras.receiver) throw new Error('HTTP mode needs a receiver');
  const receiver = extras.receiver(connection.signingSecret);
  return { app: new App({ ...common, receiver }), receiver };
}

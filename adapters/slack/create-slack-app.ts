import { App, HTTPReceiver, type webApi } from '@slack/bolt';
import type { Logger } from '../../src/log.js';
import type { HttpRoute } from '../../src/runtime/health.js';
import { boltLogger } from './bolt-logger.js';
import { SLACK_LIMITS } from './limits.js';
import { type SlackSettings, slackConnection } from './settings.js';

export interface SlackAppExtras {
  clientOptions?: webApi.WebClientOptions;
  /** HTTP mode: more GET routes on the same server (health checks), beside `/slack/events`. */
  httpRoutes?: readonly HttpRoute[];
}

/** Context key under which HTTP mode hands each request's (verified) signature to middleware. */
export const SIGNATURE_CONTEXT_KEY = 'requestSignature';

/** The Bolt app, and in HTTP mode its receiver, whose request listener our server calls. */
export interface SlackApp {
  app: App;
  receiver?: HTTPReceiver;
}

/**
 * Builds the Bolt app for the configured mode. Socket Mode needs no public URL (local use, a
 * single instance behind a firewall); HTTP mode serves `/slack/events` and verifies Slack's
 * signature on every request, so it can run as several instances behind a load balancer.
 */
export function createSlackApp(config: SlackSettings, logger: Logger, extras: SlackAppExtras = {}): SlackApp {
  const { clientOptions = {}, httpRoutes = [] } = extras;
  const connection = slackConnection(config);
  const common = {
    token: connection.botToken,
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
  if (connection.mode === 'socket') {
    return { app: new App({ ...common, socketMode: true, appToken: connection.appToken }) };
  }
  // Bolt's own HTTPReceiver, built here rather than by App: App passes no way through to see a
  // request's headers, and the server is ours (http-server.ts), calling the receiver's listener.
  const receiver = new HTTPReceiver({
    signingSecret: connection.signingSecret,
    logger: common.logger,
    // Our server has read the body already, up to its own limit; this is the same, for safety.
    bodyLimit: SLACK_LIMITS.requestBody,
    customRoutes: httpRoutes.map((route) => ({
      path: route.path,
      method: ['GET', 'HEAD'],
      handler: route.handler,
    })),
    // Runs only after the signature was verified. The signature identifies the exact request
    // (it signs timestamp and body), which is what replay protection needs; see dedupe.ts.
    customPropertiesExtractor: (request) => {
      const signature = request.headers['x-slack-signature'];
      return typeof signature === 'string' ? { [SIGNATURE_CONTEXT_KEY]: signature } : {};
    },
  });
  return { app: new App({ ...common, receiver }), receiver };
}

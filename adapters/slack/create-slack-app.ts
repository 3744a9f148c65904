import { App, HTTPReceiver, type webApi } from '@slack/bolt';
import type { Config } from '../../src/config.js';
import { ConfigError } from '../../src/errors.js';
import type { Logger } from '../../src/log.js';
import type { HttpRoute } from '../../src/runtime/health.js';
import { boltLogger } from './bolt-logger.js';
import { SLACK_LIMITS } from './limits.js';

export type SlackConfig = Pick<
  Config,
  'SLACK_BOT_TOKEN' | 'SLACK_SIGNING_SECRET' | 'SLACK_APP_TOKEN' | 'SLACK_API_URL'
>;

export type SlackMode = 'socket' | 'http';

/** Socket Mode whenever an app-level token is configured, else signed HTTP requests. */
export function slackMode(config: SlackConfig): SlackMode {
  return config.SLACK_APP_TOKEN ? 'socket' : 'http';
}

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
export function createSlackApp(config: SlackConfig, logger: Logger, extras: SlackAppExtras = {}): SlackApp {
  const { clientOptions = {}, httpRoutes = [] } = extras;
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
    return { app: new App({ ...common, socketMode: true, appToken: config.SLACK_APP_TOKEN }) };
  }
  if (!config.SLACK_SIGNING_SECRET) {
    throw new ConfigError('SLACK_SIGNING_SECRET', 'required in HTTP mode (when SLACK_APP_TOKEN is not set)');
  }
  // Bolt's own HTTPReceiver, built here rather than by App: App passes no way through to see a
  // request's headers, and the server is ours (http-server.ts), calling the receiver's listener.
  const receiver = new HTTPReceiver({
    signingSecret: config.SLACK_SIGNING_SECRET,
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

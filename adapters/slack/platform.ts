import { definePlatform } from '../../src/platform.js';
import { SLACK } from './exchange.js';
import { SLACK_SECRETS, slackConnectionOf, slackMode, slackSettings } from './settings.js';
import { createSlackAdapter } from './slack-adapter.js';

/** Slack on Bolt, in Socket Mode or HTTP mode; runs when `SLACK_BOT_TOKEN` is set (docs/slack.md). */
export const slackPlatform = definePlatform({
  name: SLACK,
  settings: slackSettings,
  secrets: SLACK_SECRETS,
  check: (settings) => {
    if (settings.SLACK_BOT_TOKEN === undefined) return undefined;
    const connection = slackConnectionOf(settings);
    return 'variable' in connection ? connection : undefined;
  },
  configured: (settings) => settings.SLACK_BOT_TOKEN !== undefined,
  // HTTP mode serves Slack's requests on PORT, and the health checks beside them.
  ownsHttpPort: (config) => slackMode(config) === 'http',
  create: ({ bot, config, logger, httpRoutes, seenSet }) =>
    createSlackAdapter({ bot, config, logger, httpRoutes, seenSet }),
});

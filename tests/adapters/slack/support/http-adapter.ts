import { slackPlatform } from '../../../../adapters/slack/platform.js';
import { createSlackAdapter, type SlackAdapter } from '../../../../adapters/slack/slack-adapter.js';
import type { Bot } from '../../../../src/bot/port.js';
import { readConfig } from '../../../../src/config.js';
import type { Logger } from '../../../../src/log.js';
import { BOT_TOKEN, type FakeSlack } from './fake-slack.js';
import { NO_LAG_SHEDDING } from './settings.js';
import { SIGNING_SECRET } from './signed-request.js';

/**
 * The Slack adapter in HTTP mode on a free loopback port, against the fake Web API; not started.
 * No shedding for lag (see `settings.ts`): these tests are about answers, not load.
 */
export function createHttpAdapter(bot: Bot, fake: FakeSlack, logger: Logger): SlackAdapter {
  return createSlackAdapter({
    bot,
    config: readConfig(
      { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, ...NO_LAG_SHEDDING },
      [slackPlatform],
    ),
    logger,
    clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
    listen: { port: 0, host: '127.0.0.1' },
  });
}

/** {@link createHttpAdapter}, started, and the URL Slack would post its requests to. */
export async function startHttpAdapter(
  bot: Bot,
  fake: FakeSlack,
  logger: Logger,
): Promise<{ adapter: SlackAdapter; url: string }> {
  const adapter = createHttpAdapter(bot, fake, logger);
  await adapter.start();
  return { adapter, url: `http://127.0.0.1:${adapter.address()?.port}/slack/events` };
}

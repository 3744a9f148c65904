import type { Platform } from '../src/platform.js';
import { consolePlatform } from './console/platform.js';
import { discordPlatform } from './discord/platform.js';
import { slackPlatform } from './slack/platform.js';

/**
 * Every platform Factdesk runs on, one line each. Adding one (Teams, Telegram, Matrix) is a new
 * folder exporting a `Platform` descriptor, and its line here: the settings, `.env.example`'s
 * check, secret scrubbing, start-up and health all follow from this list.
 */
export const PLATFORMS = [
  slackPlatform,
  discordPlatform,
  consolePlatform,
] as const satisfies readonly Platform[];

import { z } from 'zod';
import { definePlatform } from '../../src/platform.js';
import { CONSOLE, createConsoleAdapter } from './console-adapter.js';

/**
 * The chat in the terminal: what runs when no chat platform is configured. It is the operator
 * at their own terminal, so its questions are not rate limited.
 */
export const consolePlatform = definePlatform({
  name: CONSOLE,
  settings: z.object({}),
  secrets: [],
  configured: () => false,
  fallback: true,
  rateLimited: false,
  create: ({ bot, terminal, logger }) => createConsoleAdapter({ bot, ...terminal, logger }),
});

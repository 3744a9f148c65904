/**
 * Entry point: loads `.env`, then runs Factdesk on every platform of the registry that is
 * configured (the console chat when none is) until SIGTERM or SIGINT stops it gracefully. Only
 * this file starts and stops the process; it names no platform.
 */
import { PLATFORMS } from '../adapters/registry.js';
import { secretSettings } from '../src/config.js';
import type { Logger } from '../src/log.js';
import { defineCli, readCommandLine } from '../src/runtime/cli.js';
import { exitWhenDone, loadDotEnv } from '../src/runtime/entry.js';
import { launch } from '../src/runtime/launch.js';
import { createTerminalLogs } from '../src/runtime/terminal-log.js';

let logger: Logger | undefined;

readCommandLine(
  defineCli({
    name: 'factdesk',
    usage: ['npm start'],
    summary:
      'Runs Factdesk on every platform its settings configure, or as a chat in this terminal when none is.',
    options: {},
    notes: [
      'Settings come from the environment and .env (the environment wins); .env.example lists them all.',
      'Piped input is answered one question per line: echo "who is …?" | npm start --silent',
    ],
  }),
);

exitWhenDone(
  async () => {
    loadDotEnv();
    return launch({
      platforms: PLATFORMS,
      env: process.env,
      terminal: {
        input: process.stdin,
        output: process.stdout,
        interactive: process.stdin.isTTY === true,
        logs: createTerminalLogs(process.stderr, { colorize: process.stderr.isTTY === true }),
      },
      signals: process,
      onLogger: (created) => {
        logger = created;
      },
    });
  },
  { logger: () => logger, secrets: secretSettings(PLATFORMS) },
);

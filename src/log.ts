import { type Logger, pino } from 'pino';

export type { Logger };

/**
 * Structured JSON logs. Log card ids, scores, timings and ids of conversations; never tokens,
 * never raw platform payloads or message text beyond what an operator needs.
 */
export function createLogger(level: string, destination?: NodeJS.WritableStream): Logger {
  return pino(
    {
      level,
      base: { app: 'factdesk' },
      redact: {
        paths: ['token', '*.token', 'headers.authorization', '*.headers.authorization'],
        censor: '[secret]',
      },
    },
    // Logs go to stderr so stdout stays clean for the console chat and `ask --json`.
    (destination ?? pino.destination(2)) as pino.DestinationStream,
  );
}

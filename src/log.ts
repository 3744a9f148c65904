import { type Logger, pino } from 'pino';
import type { InvalidReply, Reply } from './bot/reply.js';
import { cardKey } from './knowledge/card-key.js';

export type { Logger };

/**
 * Structured JSON logs. Log card ids, scores, timings and ids of conversations; never tokens,
 * never raw platform payloads or message text beyond what an operator needs.
 */
export function createLogger(level: string, destination?: pino.DestinationStream): Logger {
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
    destination ?? pino.destination(2),
  );
}

/**
 * The fields every adapter logs about a reply: its kind, the card and confidence, and why an
 * input was refused (`rate-limited` among them). Never the question or the answer text.
 */
export function replyFields(reply: Reply): {
  reply: Reply['kind'];
  card: string | null;
  confidence: number | null;
  reason?: InvalidReply['reason'];
} {
  return {
    reply: reply.kind,
    card: reply.kind === 'answer' ? cardKey(reply.card.pack, reply.card.card) : null,
    confidence: reply.kind === 'answer' || reply.kind === 'no-match' ? reply.confidence : null,
    ...(reply.kind === 'invalid' ? { reason: reply.reason } : {}),
  };
}

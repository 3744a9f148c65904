import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../../src/log.js';

/** A real pino logger whose JSON lines are kept for assertions. */
export function captureLogs(level = 'debug'): {
  logger: Logger;
  text: () => string;
  entries: () => Record<string, unknown>[];
} {
  const chunks: string[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(chunk.toString('utf8'));
      done();
    },
  });
  const text = () => chunks.join('');
  return {
    logger: createLogger(level, sink),
    text,
    entries: () =>
      text()
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line) as Record<string, unknown>),
  };
}

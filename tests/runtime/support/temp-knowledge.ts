import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../../src/log.js';

export const SOURCE = 'Krasikov was a spy. He was freed in Ankara. The swap took place on 1 August.';

/** A small valid pack; `answer` replaces the first card's answer (it must be a source sentence). */
export function packYaml(answer = 'Krasikov was a spy.', id = 'demo'): string {
  return `id: ${id}
title: Demo pack
source:
  file: source.txt
  title: Demo source
subjects:
  - id: krasikov
    name: Vedim Krasikov
cards:
  - id: who
    title: Who Krasikov is
    subject: krasikov
    answer: ${answer}
    questions: [Who is Krasikov?]
    source: ["${answer}"]
  - id: where
    title: Where he was freed
    subject: krasikov
    answer: He was freed in Ankara.
    questions: [Where was Krasikov freed?]
    source: ["He was freed in Ankara."]
`;
}

export interface TempKnowledge {
  dir: string;
  packFile: string;
  write(text: string): void;
  remove(): void;
}

/** Writes the pack folder `<dir>/<id>` (pack.yaml and its source), creating `dir` if need be. */
export function writePack(dir: string, answer = 'Krasikov was a spy.', id = 'demo'): string {
  mkdirSync(join(dir, id), { recursive: true });
  writeFileSync(join(dir, id, 'source.txt'), SOURCE);
  const packFile = join(dir, id, 'pack.yaml');
  writeFileSync(packFile, packYaml(answer, id));
  return packFile;
}

/** A knowledge directory of its own, so that a test can break and fix it at will. */
export function tempKnowledge(): TempKnowledge {
  const dir = mkdtempSync(join(tmpdir(), 'factdesk-knowledge-'));
  const packFile = writePack(dir);
  return {
    dir,
    packFile,
    write: (text) => writeFileSync(packFile, text),
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

/** A logger whose JSON lines land in an array. */
export function memoryLogger(level = 'debug'): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n').filter(Boolean)) {
        lines.push(JSON.parse(line) as Record<string, unknown>);
      }
      done();
    },
  });
  return { logger: createLogger(level, stream), lines };
}

export { until } from '../../support/until.js';

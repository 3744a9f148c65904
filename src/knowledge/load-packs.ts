import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { KnowledgeMissingError } from '../errors.js';
import { parsePack } from './parse-pack.js';
import type { Pack } from './types.js';

export const PACK_FILE = 'pack.yaml';

/** The pack files under `dir`: `dir/<pack>/pack.yaml`, sorted so loading order is stable. */
export function findPackFiles(dir: string): string[] {
  if (!existsSync(dir)) throw new KnowledgeMissingError(dir);
  const files = readdirSync(dir)
    .sort()
    .map((name) => join(dir, name, PACK_FILE))
    .filter((file) => existsSync(file) && statSync(file).isFile());
  if (files.length === 0) throw new KnowledgeMissingError(dir);
  return files;
}

/** Reads and validates one pack file and its source document from disk. */
export function loadPackFile(file: string): Pack {
  const shown = relative(process.cwd(), file) || file;
  return parsePack({
    file: shown,
    text: readFileSync(file, 'utf8'),
    readSource: (rel) => {
      const path = resolve(dirname(file), rel);
      return existsSync(path)
        ? { path: relative(process.cwd(), path), text: readFileSync(path, 'utf8') }
        : undefined;
    },
  });
}

/** Loads every pack under `dir`; the first broken file stops loading with its error. */
export function loadPacks(dir: string): Pack[] {
  return findPackFiles(dir).map(loadPackFile);
}

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { KnowledgeError, KnowledgeMissingError, knowledgeMessages } from '../errors.js';
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

/** Loads every pack under `dir`; the first broken file stops loading with its error. */
export function loadPacks(dir: string): Pack[] {
  return loadVersionedPacks(dir).map((v) => v.pack);
}

/** A loaded pack and what identifies its content, for health reports and reload logs. */
export interface VersionedPack {
  pack: Pack;
  /** The pack file as shown in messages (relative to the working directory). */
  file: string;
  /** First 12 hex digits of SHA-256 over the pack file and its source document. */
  version: string;
}

/** {@link loadPacks} with each pack's version; the files are read once either way. */
export function loadVersionedPacks(dir: string): VersionedPack[] {
  const loaded = findPackFiles(dir).map(loadVersionedPack);
  const seen = new Map<string, VersionedPack>();
  for (const v of loaded) {
    const first = seen.get(v.pack.id);
    if (first) {
      throw new KnowledgeError(
        { file: v.file, line: 1, field: 'id' },
        knowledgeMessages.duplicatePack(v.pack.id, first.file),
      );
    }
    seen.set(v.pack.id, v);
  }
  return loaded;
}

/** Loads one pack file on its own (a story's pack kept outside the knowledge folder). */
export function loadPackFile(file: string): Pack {
  return loadVersionedPack(file).pack;
}

function loadVersionedPack(file: string): VersionedPack {
  const shown = relative(process.cwd(), file) || file;
  const text = readFileSync(file, 'utf8');
  const pack = parsePack({
    file: shown,
    text,
    readSource: (rel) => {
      const path = resolve(dirname(file), rel);
      return existsSync(path)
        ? { path: relative(process.cwd(), path), text: readFileSync(path, 'utf8') }
        : undefined;
    },
  });
  // The source counts too: an edit there changes what citations can quote.
  const version = createHash('sha256').update(text).update('\0').update(pack.source.text).digest('hex');
  return { pack, file: shown, version: version.slice(0, 12) };
}

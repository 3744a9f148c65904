import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { KnowledgeError, KnowledgeMissingError, knowledgeMessages } from '../../src/errors.js';
import { loadPacks } from '../../src/knowledge/load-packs.js';

let dir: string | undefined;
afterEach(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
  dir = undefined;
});

describe('loadPacks', () => {
  it('loads every pack folder, in name order', () => {
    expect(loadPacks('knowledge').map((p) => p.id)).toEqual(['factdesk-faq', 'us-russia-prisoner-exchange']);
  });

  it('rejects two packs with one id, naming both files', () => {
    dir = mkdtempSync(join(tmpdir(), 'factdesk-packs-'));
    cpSync('knowledge/factdesk-faq', join(dir, 'a'), { recursive: true });
    cpSync('knowledge/factdesk-faq', join(dir, 'b'), { recursive: true });
    let error: unknown;
    try {
      loadPacks(dir);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(KnowledgeError);
    const { location, reason } = error as KnowledgeError;
    expect(location.file).toMatch(/b\/pack\.yaml$/);
    expect(location.field).toBe('id');
    expect(reason).toMatch(/^duplicate pack id "factdesk-faq" \(also in .*a\/pack\.yaml\)$/);
    expect(reason).toBe(
      knowledgeMessages.duplicatePack('factdesk-faq', reason.slice(reason.indexOf('in ') + 3, -1)),
    );
  });

  it('says so when a folder holds no pack', () => {
    dir = mkdtempSync(join(tmpdir(), 'factdesk-empty-'));
    expect(() => loadPacks(dir as string)).toThrow(KnowledgeMissingError);
  });
});

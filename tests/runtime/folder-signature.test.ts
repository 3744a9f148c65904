import { cpSync, mkdtempSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { folderSignature } from '../../src/runtime/folder-signature.js';
import { writePack } from './support/temp-knowledge.js';

let base: string;
let dir: string;
beforeEach(() => {
  base = mkdtempSync(join(tmpdir(), 'factdesk-signature-'));
  dir = join(base, 'knowledge');
  writePack(dir);
});
afterEach(() => rmSync(base, { recursive: true, force: true }));

describe('folderSignature', () => {
  it('stays the same while nothing changes, and ignores hidden files', () => {
    const before = folderSignature(dir);
    expect(before).toBeDefined();
    writeFileSync(join(dir, 'demo', '.pack.yaml.swp'), 'editor state');
    expect(folderSignature(dir)).toBe(before);
  });

  it('changes with a file edited, added or removed', () => {
    const signatures = [folderSignature(dir)];
    writeFileSync(join(dir, 'demo', 'pack.yaml'), 'id: demo\n');
    signatures.push(folderSignature(dir));
    writePack(dir, 'He was freed in Ankara.', 'other');
    signatures.push(folderSignature(dir));
    rmSync(join(dir, 'other', 'pack.yaml'));
    signatures.push(folderSignature(dir));
    expect(new Set(signatures).size).toBe(signatures.length);
  });

  it('changes when the folder is replaced by a copy of itself', () => {
    const before = folderSignature(dir);
    cpSync(dir, `${dir}.new`, { recursive: true, preserveTimestamps: true });
    renameSync(dir, `${dir}.old`);
    renameSync(`${dir}.new`, dir);
    expect(folderSignature(dir)).not.toBe(before);
  });

  it('follows a symlink, and changes when it points elsewhere', () => {
    const link = join(base, 'current');
    symlinkSync(dir, link);
    const before = folderSignature(link);
    cpSync(dir, join(base, 'release-2'), { recursive: true, preserveTimestamps: true });
    symlinkSync(join(base, 'release-2'), `${link}.tmp`);
    renameSync(`${link}.tmp`, link);
    expect(folderSignature(link)).not.toBe(before);
  });

  it('reads past a looping or dangling link instead of throwing', () => {
    symlinkSync(join(dir, 'loop'), join(dir, 'loop'));
    symlinkSync(join(base, 'nowhere'), join(dir, 'dangling'));
    expect(folderSignature(dir)).toMatch(/^loop unreadable$/m);
    expect(folderSignature(dir)).toMatch(/^dangling unreadable$/m);
  });

  it('is undefined for a missing folder or a file', () => {
    expect(folderSignature(join(base, 'nothing-here'))).toBeUndefined();
    expect(folderSignature(join(dir, 'demo', 'pack.yaml'))).toBeUndefined();
  });
});

import {
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  symlinkSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Query } from '../../src/bot/query.js';
import { readConfig } from '../../src/config.js';
import { type Core, createCore } from '../../src/runtime/core.js';
import {
  memoryLogger,
  packYaml,
  type TempKnowledge,
  tempKnowledge,
  until,
  writePack,
} from './support/temp-knowledge.js';

const ask = async (core: Core, text: string, conversation = 'c'): Promise<string> =>
  (await core.bot.ask({ text, user: 'u', conversation, platform: 'slack' } satisfies Query)).text;

let knowledge: TempKnowledge;
let log: ReturnType<typeof memoryLogger>;
let core: Core;

beforeEach(() => {
  knowledge = tempKnowledge();
  log = memoryLogger();
  core = createCore(readConfig({ KNOWLEDGE_DIR: knowledge.dir, RATE_LIMIT_PER_MINUTE: '0' }), log.logger, {
    reloadDebounceMs: 30,
    logExchanges: false,
  });
});

afterEach(async () => {
  for (const service of core.services) await service.stop();
  knowledge.remove();
});

describe('knowledge reload', () => {
  it('swaps in a valid edit, with its new version in /readyz', async () => {
    expect(await ask(core, 'Who is Krasikov?')).toBe('Krasikov was a spy.');
    const before = core.health.readiness().packs[0]?.version;
    knowledge.write(packYaml('The swap took place on 1 August.'));
    expect(core.reloader.reload()).toBe('reloaded');
    expect(await ask(core, 'Who is Krasikov?')).toBe('The swap took place on 1 August.');
    const after = core.health.readiness().packs[0]?.version;
    expect(after).toMatch(/^[0-9a-f]{12}$/);
    expect(after).not.toBe(before);
    expect(log.lines.find((l) => l.msg === 'knowledge reloaded')).toMatchObject({ packs: [{ id: 'demo' }] });
  });

  it.each([
    ['a YAML syntax error', (text: string) => text.replace('cards:', 'cards: [')],
    [
      'an unknown field',
      (text: string) => text.replace('    subject: krasikov\n', '    subject: krasikov\n    colour: red\n'),
    ],
    [
      'a sentence not in the source',
      (text: string) => text.replace('He was freed in Ankara."]', 'He was freed in Paris."]'),
    ],
    ['an empty file', () => ''],
  ])('keeps answering from the last good packs after %s, and logs file and line', async (_name, breakIt) => {
    knowledge.write(breakIt(packYaml()));
    expect(core.reloader.reload()).toBe('failed');
    expect(await ask(core, 'Who is Krasikov?')).toBe('Krasikov was a spy.');
    const error = log.lines.find((l) => l.level === 50);
    expect(error?.msg).toMatch(/still answering from the last good packs/);
    expect(String(error?.err)).toMatch(/demo\/pack\.yaml:\d+: /);
    expect(error?.file).toMatch(/demo\/pack\.yaml$/);
    expect(typeof error?.line).toBe('number');
    const readiness = core.health.readiness();
    expect(readiness.knowledge.lastReloadFailed).toBe(true);
    expect(readiness.cards).toBe(2);
  });

  it('completes questions and lists topics from the packs now loaded', async () => {
    expect(core.bot.complete('who is kras', 5)[0]).toBe('Who is Krasikov?');
    expect(core.bot.complete('spy', 5)).toEqual([]);
    expect(core.bot.complete('', 5)).toEqual(['Who Krasikov is', 'Where he was freed']);
    knowledge.write(
      packYaml()
        .replace('title: Who Krasikov is', 'title: Krasikov the spy')
        .replace('questions: [Who is Krasikov?]', 'questions: [Who is Krasikov?, Was Krasikov a spy?]'),
    );
    expect(core.reloader.reload()).toBe('reloaded');
    expect(core.bot.complete('', 5)).toEqual(['Krasikov the spy', 'Where he was freed']);
    expect(core.bot.complete('spy', 5).sort()).toEqual(['Krasikov the spy', 'Was Krasikov a spy?']);
    expect(core.bot.topics().flatMap((t) => t.cards.map((c) => c.title))).toContain('Krasikov the spy');
    // A broken edit leaves completions as they were, like answers.
    knowledge.write(packYaml().replace('cards:', 'cards: ['));
    expect(core.reloader.reload()).toBe('failed');
    expect(core.bot.complete('spy', 5).sort()).toEqual(['Krasikov the spy', 'Was Krasikov a spy?']);
  });

  it('does nothing when the files did not change', () => {
    knowledge.write(packYaml());
    expect(core.reloader.reload()).toBe('unchanged');
  });

  it('watches the directory: a file broken mid-run keeps the old answers, fixing it brings the new', async () => {
    for (const service of core.services) await service.start();
    knowledge.write(packYaml().replace('cards:', 'cards: ['));
    await until(() => log.lines.some((l) => l.level === 50), 'the reload error');
    expect(await ask(core, 'Who is Krasikov?')).toBe('Krasikov was a spy.');
    knowledge.write(packYaml('The swap took place on 1 August.'));
    await until(
      async () => (await ask(core, 'Who is Krasikov?')) === 'The swap took place on 1 August.',
      'the fixed pack',
    );
    expect(core.health.readiness().knowledge.lastReloadFailed).toBe(false);
  });
});

describe('packs dropped, failures put right', () => {
  it('clears the failure flag when the files are put back as they were', async () => {
    const good = readFileSync(knowledge.packFile, 'utf8');
    knowledge.write(good.replace('cards:', 'cards: ['));
    expect(core.reloader.reload()).toBe('failed');
    expect(core.health.readiness().knowledge.lastReloadFailed).toBe(true);
    knowledge.write(good);
    expect(core.reloader.reload()).toBe('unchanged');
    expect(core.health.readiness().knowledge.lastReloadFailed).toBe(false);
    expect(log.lines.some((l) => l.msg === 'knowledge files are back to the packs being served')).toBe(true);
  });

  it('warns with the pack id when a pack.yaml is deleted, shows it on /readyz until it returns', async () => {
    writePack(knowledge.dir, 'He was freed in Ankara.', 'other');
    expect(core.reloader.reload()).toBe('reloaded');
    expect(core.health.readiness().packs.map((p) => p.id)).toEqual(['demo', 'other']);
    const version = core.health.readiness().packs.find((p) => p.id === 'other')?.version;

    unlinkSync(join(knowledge.dir, 'other', 'pack.yaml'));
    expect(core.reloader.reload()).toBe('reloaded');
    const warning = log.lines.find((l) => l.level === 40);
    expect(warning?.msg).toMatch(/dropped whole packs/);
    expect(warning?.dropped).toEqual([expect.objectContaining({ id: 'other', version })]);
    const readiness = core.health.readiness();
    expect(readiness.ready).toBe(false); // no platform in this test; the packs still answer
    expect(readiness.packs.map((p) => p.id)).toEqual(['demo']);
    expect(readiness.knowledge.droppedPacks).toEqual([
      { id: 'other', version, droppedAt: expect.stringMatching(/^\d{4}-/) },
    ]);
    expect(readiness.knowledge.lastReloadFailed).toBe(false);

    writePack(knowledge.dir, 'He was freed in Ankara.', 'other');
    expect(core.reloader.reload()).toBe('reloaded');
    expect(core.health.readiness().knowledge.droppedPacks).toEqual([]);
  });
});

/**
 * The usual ways a deploy replaces the knowledge folder. Each is followed by an edit inside the
 * new folder, which must be picked up too: the watch must have moved to the new folder.
 */
describe('the watch follows the folder, not an inode', () => {
  let base: string;
  let watched: Core;

  const replacements: Array<[string, (dir: string) => string, (dir: string, answer: string) => void]> = [
    [
      'removed and recreated',
      (dir) => dir,
      (dir, answer) => {
        rmSync(dir, { recursive: true, force: true });
        writePack(dir, answer);
      },
    ],
    [
      'renamed into place',
      (dir) => dir,
      (dir, answer) => {
        writePack(`${dir}.new`, answer);
        renameSync(dir, `${dir}.old`);
        renameSync(`${dir}.new`, dir);
        rmSync(`${dir}.old`, { recursive: true, force: true });
      },
    ],
    [
      'a symlink swapped to another release',
      (dir) => {
        // KNOWLEDGE_DIR is `current`, a link to release 1.
        const release = `${dir}-release-1`;
        renameSync(dir, release);
        symlinkSync(release, dir);
        return dir;
      },
      (dir, answer) => {
        const release = `${dir}-release-2`;
        writePack(release, answer);
        symlinkSync(release, `${dir}.tmp`);
        renameSync(`${dir}.tmp`, dir); // atomic, as `ln -sfn` followed by `mv -T` does it
      },
    ],
  ];

  beforeEach(() => {
    base = mkdtempSync(join(tmpdir(), 'factdesk-deploy-'));
  });
  afterEach(async () => {
    for (const service of watched?.services ?? []) await service.stop();
    rmSync(base, { recursive: true, force: true });
  });

  it.each(replacements)('picks up a folder %s, then edits inside it', async (_name, prepare, replace) => {
    const dir = join(base, 'current');
    writePack(dir);
    const knowledgeDir = prepare(dir);
    watched = createCore(
      readConfig({ KNOWLEDGE_DIR: knowledgeDir, RATE_LIMIT_PER_MINUTE: '0' }),
      log.logger,
      {
        reloadDebounceMs: 30,
        folderCheckMs: 50,
        // Reloads are the subject; an exchange log would be a file in the working directory.
        logExchanges: false,
      },
    );
    for (const service of watched.services) await service.start();
    expect(await ask(watched, 'Who is Krasikov?')).toBe('Krasikov was a spy.');

    replace(dir, 'The swap took place on 1 August.');
    await until(
      async () => (await ask(watched, 'Who is Krasikov?')) === 'The swap took place on 1 August.',
      'the replaced folder',
    );
    writeFileSync(join(dir, 'demo', 'pack.yaml'), packYaml('He was freed in Ankara.'));
    await until(
      async () => (await ask(watched, 'Who is Krasikov?')) === 'He was freed in Ankara.',
      'an edit in the new folder',
    );
    expect(watched.health.readiness().knowledge).toMatchObject({ lastReloadFailed: false, droppedPacks: [] });
  });
});

describe('core start-up', () => {
  it('refuses a pack scoping that names a pack no file has', () => {
    expect(() =>
      createCore(
        readConfig({ KNOWLEDGE_DIR: knowledge.dir, PACKS_BY_CONVERSATION: 'slack:T1=demo,dmeo' }),
        log.logger,
      ),
    ).toThrow('PACKS_BY_CONVERSATION: no pack has the id "dmeo"');
  });
});

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

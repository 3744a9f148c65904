import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { addQuestion, withQuestion } from '../../scripts/lib/review/add-question.js';
import { loadPacks } from '../../src/knowledge/load-packs.js';
import { parsePack } from '../../src/knowledge/parse-pack.js';
import { createExplainer } from '../../src/tooling/explainer.js';
import { packYaml, SOURCE } from '../runtime/support/temp-knowledge.js';

const PACK = 'knowledge/us-russia-prisoner-exchange/pack.yaml';
const bundled = readFileSync(PACK, 'utf8');
const cardIndex = (id: string) => loadPacks('knowledge')[1]?.cards.findIndex((c) => c.id === id) ?? -1;
const readBack = (text: string) =>
  parsePack({
    file: 'pack.yaml',
    text,
    readSource: () => ({
      path: 'source.txt',
      text: readFileSync('knowledge/us-russia-prisoner-exchange/source.txt', 'utf8'),
    }),
  });

describe('withQuestion', () => {
  it("adds one line to the card's list, indented as its items, leaving every other byte as it was", () => {
    const i = cardIndex('exchange-location');
    const question = 'where: the "city" # of the swap?';
    const edited = withQuestion(bundled, i, question);
    const before = bundled.split('\n');
    const after = edited.split('\n');
    expect(after).toHaveLength(before.length + 1);
    const added = after.findIndex((line, n) => line !== before[n]);
    expect(after.slice(0, added)).toEqual(before.slice(0, added));
    expect(after.slice(added + 1)).toEqual(before.slice(added));
    expect(after[added]?.startsWith('      - ')).toBe(true);
    const card = readBack(edited).cards[i];
    expect(card?.questions.at(-1)).toBe(question);
    expect(card?.questions.slice(0, -1)).toEqual(readBack(bundled).cards[i]?.questions);
  });

  it('adds to a flow list inside its brackets, quoted so that a comma stays in the question', () => {
    const text = packYaml();
    const edited = withQuestion(text, 0, 'who, in short, is he?');
    expect(edited).toContain('questions: [Who is Krasikov?, "who, in short, is he?"]');
    const pack = parsePack({
      file: 'pack.yaml',
      text: edited,
      readSource: () => ({ path: 'source.txt', text: SOURCE }),
    });
    expect(pack.cards[0]?.questions).toEqual(['Who is Krasikov?', 'who, in short, is he?']);
  });
});

describe('addQuestion', () => {
  let dir: string;
  const add = (to: string, question: string) =>
    addQuestion({ knowledgeDir: dir, to, question, maxQuestionLength: 1000, today: '2026-01-01' });
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'factdesk-add-'));
    cpSync('knowledge', dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));
  const packFile = () => readFileSync(join(dir, 'us-russia-prisoner-exchange', 'pack.yaml'), 'utf8');

  it('accepts a declined question: the card answers it afterwards, and the pack still loads', () => {
    const question = 'in which metropolis did the handoff unfold';
    const explain = (packs = loadPacks(dir)) => createExplainer(packs).explain(question).candidates[0]?.id;
    const outcome = add('us-russia-prisoner-exchange/exchange-location', question);
    expect(outcome).toMatchObject({ ok: true, changed: true });
    expect(packFile().split('\n')).toHaveLength(bundled.split('\n').length + 1);
    expect(explain()).toBe('us-russia-prisoner-exchange/exchange-location');
    // Twice is once.
    expect(add('us-russia-prisoner-exchange/exchange-location', question)).toMatchObject({
      ok: true,
      changed: false,
    });
  });

  it('refuses a question another card answers with a margin: it would steal it', () => {
    const outcome = add('us-russia-prisoner-exchange/exchange-location', 'Who is Vedim Krasikov?');
    expect(outcome.ok).toBe(false);
    expect(outcome.message).toMatch(
      /^"Who is Vedim Krasikov\?" is already answered by us-russia-prisoner-exchange\/krasikov-who/,
    );
    expect(packFile()).toBe(bundled);
  });

  it('refuses a card or pack that does not exist, and a target that is no <pack>/<card>', () => {
    expect(add('us-russia-prisoner-exchange/exchange-locaton', 'where was it').message).toBe(
      'no card "exchange-locaton" in pack "us-russia-prisoner-exchange" (did you mean "exchange-location"?)',
    );
    expect(add('no-such-pack/x', 'where was it').message).toMatch(
      /^no pack "no-such-pack" in the knowledge \(packs: /,
    );
    expect(add('exchange-location', 'where was it').message).toMatch(/is not <pack>\/<card>/);
    expect(add('us-russia-prisoner-exchange/exchange-location', ' \u0000 ').message).toBe(
      'the question is empty',
    );
    expect(packFile()).toBe(bundled);
  });
});

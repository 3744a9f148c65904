import { describe, expect, it } from 'vitest';
import { KnowledgeError, knowledgeMessages } from '../../src/errors.js';
import { parsePack } from '../../src/knowledge/parse-pack.js';

const SOURCE = 'Krasikov was a spy. He was freed in Ankara.';

const GOOD = `id: demo
title: Demo pack
source:
  file: source.txt
  title: Demo source
subjects:
  - id: krasikov
    name: Vedim Krasikov
    aliases: [Vadim Krasikov]
cards:
  - id: who
    title: Who Krasikov is
    subject: krasikov
    answer: Krasikov was a spy.
    questions: [Who is Krasikov?]
    source: ["Krasikov was a spy."]
    related: [where]
  - id: where
    title: Where he was freed
    answer: He was freed in Ankara.
    questions: [Where was he freed?]
    source: ["He was freed in Ankara."]
`;

function parse(text: string) {
  return parsePack({
    file: 'demo/pack.yaml',
    text,
    readSource: () => ({ path: 'demo/source.txt', text: SOURCE }),
  });
}

function failure(text: string): KnowledgeError {
  try {
    parse(text);
  } catch (error) {
    if (error instanceof KnowledgeError) return error;
    throw error;
  }
  throw new Error('expected the pack to be rejected');
}

describe('parsePack', () => {
  it('loads a valid pack and merges subject aliases into its cards', () => {
    const pack = parse(GOOD);
    expect(pack.cards.map((c) => c.id)).toEqual(['who', 'where']);
    expect(pack.cards[0]?.aliases).toEqual(['Vedim Krasikov', 'Vadim Krasikov']);
    expect(pack.source.title).toBe('Demo source');
  });

  it('reads review dates as YYYY-MM-DD', () => {
    const pack = parse(
      GOOD.replace(
        '    related: [where]',
        '    related: [where]\n    verified: 2026-11-28\n    review_by: 2027-05-01',
      ),
    );
    expect(pack.cards[0]).toMatchObject({ verified: '2026-11-28', reviewBy: '2027-05-01' });
    expect(
      failure(GOOD.replace('    related: [where]', '    related: [where]\n    review_by: soon')).location
        .field,
    ).toBe('cards[0].review_by');
  });

  it('names file, line and field of an unknown field', () => {
    const error = failure(GOOD.replace('    related: [where]', '    related: [where]\n    colour: red'));
    expect(error.location).toEqual({ file: 'demo/pack.yaml', line: 18, field: 'cards[0].colour' });
    expect(error.reason).toBe(knowledgeMessages.unknownField('colour'));
    expect(error.message).toBe(
      `demo/pack.yaml:18: cards[0].colour: ${knowledgeMessages.unknownField('colour')}`,
    );
  });

  it('names a missing answer', () => {
    const error = failure(GOOD.replace('    answer: He was freed in Ankara.\n', ''));
    expect(error.location.field).toBe('cards[1].answer');
    expect(error.location.line).toBe(18);
    expect(error.reason).toBe(knowledgeMessages.missingField());
  });

  it('rejects a duplicate id on the line of the second one', () => {
    const error = failure(GOOD.replace('  - id: where', '  - id: who').replace('[where]', '[who]'));
    expect(error.location).toMatchObject({ line: 18, field: 'cards[1].id' });
    expect(error.reason).toBe(knowledgeMessages.duplicateId('who', 11));
  });

  it('rejects related cards that do not exist', () => {
    const error = failure(GOOD.replace('related: [where]', 'related: [nowhere]'));
    expect(error.location).toMatchObject({ line: 17, field: 'cards[0].related[0]' });
    expect(error.reason).toBe(knowledgeMessages.unknownRelated('nowhere'));
  });

  it('rejects an unknown subject', () => {
    const error = failure(GOOD.replace('subject: krasikov', 'subject: putin'));
    expect(error.location).toMatchObject({ line: 13, field: 'cards[0].subject' });
  });

  it('rejects a source sentence that is not in the document', () => {
    const error = failure(GOOD.replace('["Krasikov was a spy."]', '["Krasikov was a pilot."]'));
    expect(error.location).toMatchObject({ line: 16, field: 'cards[0].source[0]' });
    expect(error.reason).toBe(knowledgeMessages.sourceNotFound('source.txt'));
  });

  it('accepts straight quotes for the document’s curly ones', () => {
    const pack = parsePack({
      file: 'demo/pack.yaml',
      text: GOOD.replace('["Krasikov was a spy."]', `["Krasikov's unit was 'Vimpel'."]`),
      readSource: () => ({ path: 'demo/source.txt', text: `${SOURCE} Krasikov’s unit was ‘Vimpel’.` }),
    });
    expect(pack.cards[0]?.source).toEqual(["Krasikov's unit was 'Vimpel'."]);
  });

  it('reports YAML syntax errors with their line', () => {
    const error = failure(GOOD.replace('title: Demo pack', 'title: [Demo pack'));
    expect(error.reason).toMatch(/^YAML syntax error/);
    expect(error.location.line).toBeGreaterThanOrEqual(2);
  });

  it('rejects a missing source file', () => {
    expect(() => parsePack({ file: 'demo/pack.yaml', text: GOOD, readSource: () => undefined })).toThrow(
      knowledgeMessages.sourceFileMissing('source.txt'),
    );
  });
});

import { describe, expect, it } from 'vitest';
import { createAnalyzer } from '../../src/text/analyze.js';

const analyzer = createAnalyzer();

describe('analyzer', () => {
  it('drops stop words and chat filler', () => {
    expect(analyzer.terms('Could you please tell me who is Krasikov?')).toEqual(['krasikov']);
  });

  it('folds domain synonyms onto one term', () => {
    const [swap] = analyzer.terms('swap');
    expect(analyzer.terms('trade')).toEqual([swap]);
    expect(analyzer.terms('deal')).toEqual([swap]);
    expect(analyzer.terms('exchanged')).toEqual([swap]);
    expect(analyzer.terms('jailed')).toEqual(analyzer.terms('imprisoned'));
    expect(analyzer.terms('let go')).toEqual(analyzer.terms('freed'));
    expect(analyzer.terms('released')).toEqual(analyzer.terms('freed'));
  });

  it('reads "in charge of" as leadership, not as a charge', () => {
    expect(analyzer.terms('who is in charge of Russia')).not.toContain(analyzer.terms('charged')[0]);
    expect(analyzer.terms('who is in charge of Russia')).toContain(analyzer.terms('leader')[0]);
  });

  it('adds synonym groups of a pack', () => {
    const withPack = createAnalyzer([['vimpel', 'alpha group']]);
    expect(withPack.terms('alpha group')).toEqual(withPack.terms('vimpel'));
  });

  it.each([
    ['Who is Whalen?', 'who'],
    ['Where did it happen', 'where'],
    ['When was he arrested?', 'when'],
    ['How many prisoners?', 'howmany'],
    ['How long did he get?', 'howlong'],
    ['How much did it cost?', 'howmuch'],
    ['Why was he jailed?', 'why'],
    ['Krasikov sentence', undefined],
  ])('question type of %s is %s', (q, type) => {
    expect(analyzer.questionType(q)).toBe(type);
  });

  it('finds what a which/what question asks for', () => {
    expect(analyzer.askedFor('Which radio station does she work for?')).toEqual(
      analyzer.terms('radio station'),
    );
    expect(analyzer.askedFor('What was the name of the commander?')).toEqual(analyzer.terms('name'));
    expect(analyzer.askedFor('Who is Krasikov?')).toEqual([]);
  });

  it('reads the question type from the asking sentence, not the story around it', () => {
    expect(analyzer.questionType('I read a thriller where spies swap. Who is Krasikov?')).toBe('who');
  });

  it('marks the asking sentence of a long message as its focus', () => {
    const tokens = analyzer.tokens('My uncle was in the navy long ago. Who is Krasikov?');
    expect(tokens.filter((t) => t.focus).map((t) => t.term)).toEqual(['krasikov']);
    expect(tokens.some((t) => !t.focus && t.surface === 'uncle')).toBe(true);
  });
});

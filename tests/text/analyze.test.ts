import { describe, expect, it } from 'vitest';
import { createAnalyzer, ENGLISH, readNumbers } from '../../src/text/analyze.js';

// A domain's own synonyms, given as a pack gives them.
const analyzer = createAnalyzer({
  synonyms: [
    ['exchange', 'swap', 'trade', 'deal'],
    ['release', 'free', 'freed', 'let go'],
    ['imprison', 'jail', 'jailed', 'imprisoned'],
    ['leader', 'in charge'],
    ['accuse', 'charged'],
  ],
});

describe('analyzer', () => {
  it('drops stop words and chat filler', () => {
    expect(analyzer.terms('Could you please tell me who is Krasikov?')).toEqual(['krasikov']);
  });

  it('folds the synonyms it is given onto one term, phrases included', () => {
    const [swap] = analyzer.terms('swap');
    expect(analyzer.terms('trade')).toEqual([swap]);
    expect(analyzer.terms('deal')).toEqual([swap]);
    expect(analyzer.terms('exchanged')).toEqual([swap]);
    expect(analyzer.terms('jailed')).toEqual(analyzer.terms('imprisoned'));
    expect(analyzer.terms('let go')).toEqual(analyzer.terms('freed'));
    expect(analyzer.terms('released')).toEqual(analyzer.terms('freed'));
    expect(analyzer.terms('who is in charge of Russia')).toContain(analyzer.terms('leader')[0]);
    expect(analyzer.terms('who is in charge of Russia')).not.toContain(analyzer.terms('charged')[0]);
  });

  it('knows no synonyms of its own: English defaults hold no domain words', () => {
    const plain = createAnalyzer();
    expect(ENGLISH.synonyms).toEqual([]);
    expect(plain.terms('swap')).not.toEqual(plain.terms('trade'));
    expect(plain.terms('jailed')).not.toEqual(plain.terms('imprisoned'));
  });

  it('reads irregular forms as their base word and number words as digits', () => {
    const plain = createAnalyzer();
    expect(plain.terms('sought')).toEqual(plain.terms('seeking'));
    expect(plain.terms('children')).toEqual(plain.terms('child'));
    expect(plain.terms('sixteen years')).toEqual(plain.terms('16 years'));
    expect(plain.terms('twenty-four prisoners')).toEqual(plain.terms('24 prisoners'));
  });

  it.each([
    ['twenty four', ['24']],
    ['two hundred fifty', ['250']],
    ['three thousand people', ['3000', 'people']],
    ['twenty one', ['21']],
    ['which one', ['which', 'one']],
    ['two three', ['2', '3']],
    ['a dozen eggs', ['a', '12', 'eggs']],
  ])('reads the numbers of "%s"', (text, words) => {
    expect(readNumbers(text.split(' '), ENGLISH.numberWords)).toEqual(words);
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

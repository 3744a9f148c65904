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

  it('leaves a word naming the kind of value to the question type, not to what is asked for', () => {
    expect(analyzer.askedFor('What time did the outage begin?')).toEqual([]);
    expect(analyzer.askedFor('What amount was paid?')).toEqual([]);
  });

  it('spells out hurried question words, except words the domain has', () => {
    const spelled = analyzer.spellQuestionWords('hw long did she wait? Wher is it? whos he', () => false);
    expect(spelled).toBe('how long did she wait? where is it? who is he');
    expect(analyzer.questionType(analyzer.spellQuestionWords('wat time did it start', () => false))).toBe(
      'when',
    );
    expect(analyzer.spellQuestionWords('Hwáng said so', () => false)).toBe('Hwáng said so');
    // "Wat Arun" is a temple where a card says so.
    expect(analyzer.spellQuestionWords('Wat Arun opening hours', (w) => w === 'wat')).toBe(
      'Wat Arun opening hours',
    );
  });

  it('reads chat spellings of function words as filler ("r", "til", "wud")', () => {
    expect(analyzer.terms('how long til systems r restored')).toEqual(
      analyzer.terms('how long until systems are restored'),
    );
    expect(analyzer.terms('how much wud it cost')).toEqual(analyzer.terms('how much would it cost'));
  });

  it('reads the question type from the asking sentence, not the story around it', () => {
    expect(analyzer.questionType('I read a thriller where spies swap. Who is Krasikov?')).toBe('who');
  });

  it.each([
    ["What's happening to people who were partway through their treatment?", undefined],
    ['How did people who were never at the clinic catch it?', undefined],
    ['What happens when the mayor vetoes part of it?', undefined],
    ['Who brought the disease into town?', 'who'],
    ['Where was she going and what did she go through?', 'where'],
    ['What time did they hold the vote?', 'when'],
    ['How long did the hackers give them to pay?', 'howlong'],
    ['When were the farmers paid?', 'when'],
    ['What did the repairs cost?', 'howmuch'],
  ])('reads the type from the first question word, not a clause: %s', (q, type) => {
    expect(analyzer.questionType(q)).toBe(type);
  });

  it.each([
    ['Which three swimming pools are closing?', 3],
    ['Who were the other 4 people on the panel?', 4],
    ['Which are the four largest lenders?', 4],
    ['Which school closed?', 0],
    ['Which one was it?', 0],
    ['How many times have the other seven papers been cited?', 0],
  ])('counts the names asked for in %s', (q, n) => {
    expect(analyzer.namesAsked(q)).toBe(n);
  });

  it('reads common abbreviations as their word', () => {
    expect(analyzer.terms('Kestrel Pt launch')).toEqual(analyzer.terms('Kestrel Point launch'));
    expect(analyzer.terms('closed for 3 hrs')).toEqual(analyzer.terms('closed for three hours'));
    expect(analyzer.terms('nite trains thru Oulu')).toEqual(analyzer.terms('night trains through Oulu'));
    // "St" is a street or a saint: left as typed.
    expect(analyzer.terms('St Aldric')).toEqual(['st', 'aldric']);
  });

  it('marks words that name the kind of answer as implied, not as content', () => {
    const tokens = analyzer.tokens('budget gap size');
    expect(tokens.map((t) => [t.surface, t.implied === true])).toEqual([
      ['budget', false],
      ['gap', false],
      ['size', true],
    ]);
    expect(
      createAnalyzer({ answerNouns: new Set() })
        .tokens('budget gap size')
        .some((t) => t.implied),
    ).toBe(false);
  });

  it('reads the sentence before an asking sentence that holds no content word', () => {
    const tokens = analyzer.tokens('My book club forgot which paper he writes for. Can you remind us?');
    expect(tokens.filter((t) => t.focus).map((t) => t.surface)).toEqual([
      'book',
      'club',
      'forgot',
      'paper',
      'writes',
    ]);
    const asking = analyzer.tokens('My uncle was in the navy long ago. Who is Krasikov?');
    expect(asking.find((t) => t.surface === 'navy')?.focus).toBe(false);
  });

  it('marks the asking sentence of a long message as its focus', () => {
    const tokens = analyzer.tokens('My uncle was in the navy long ago. Who is Krasikov?');
    expect(tokens.filter((t) => t.focus).map((t) => t.term)).toEqual(['krasikov']);
    expect(tokens.some((t) => !t.focus && t.surface === 'uncle')).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { answerTypes, namesListed } from '../../src/text/answer-types.js';

describe('answerTypes', () => {
  it.each([
    ['The train left the rails early on Wednesday 11 February 2026.', 'when'],
    ['The meeting starts at 7:30 p.m.', 'when'],
    ['The plant opened in 1998.', 'when'],
    ['23 people were injured, three of them seriously.', 'howmany'],
    ['Breffni will pay €412 million for the chain.', 'howmuch'],
    ['The line will stay closed for at least five days.', 'howlong'],
    ['The 7-month-old girl is in intensive care.', 'howold'],
    ['Ana Ruiz, 58, the union president, said so.', 'howold'],
    ['Ms Ylikärppä said the rail had cracked.', 'who'],
    ['It happened near Ylivieska, in northern Finland.', 'where'],
    ['The clinic closed because the child was not isolated.', 'why'],
    ['The company will review its screening rules.', 'future'],
  ])('"%s" can answer %s', (text, type) => {
    expect(answerTypes(text).has(type as never)).toBe(true);
  });

  it.each([
    ['the union was angry about it.', 'when'],
    ['the union was angry about it.', 'howmany'],
    ['the union was angry about it.', 'who'],
    ['the union was angry about it.', 'where'],
    ['Nobody was told in advance.', 'howmuch'],
    ['Nobody was told in advance.', 'howold'],
    ['Marrowfield, Ohio, 2026, was quiet.', 'howold'],
    ['In all, cases, 12, were confirmed.', 'howold'],
  ])('"%s" cannot answer %s', (text, type) => {
    expect(answerTypes(text).has(type as never)).toBe(false);
  });

  it('reads no name from the first word of a sentence', () => {
    expect(answerTypes('Staff found out from the news. Members were shocked.').has('who')).toBe(false);
  });

  it.each([
    ["St Aldric's, Mill Road and Northgate Academy stayed open.", 3],
    ['Poland, Germany, Norway, Slovenia and Belarus freed prisoners.', 5],
    ['Krasikov and Bout were both freed.', 2],
    ['Two Americans were freed: Paul Whalen and radio journalist Alsou Kurmasheva.', 3],
    ["three of the city's nine public pools will close", 0],
    ['The Caldermoor Public Health Service confirmed cases between 9 February and 11 March.', 1],
    ['Only six schools were open. Nine were shut on Monday.', 0],
  ])('"%s" names %i', (text, n) => {
    expect(namesListed(text)).toBe(n);
  });
});

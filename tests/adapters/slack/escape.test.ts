import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, mrkdwn, mrkdwnLink, truncate } from '../../../adapters/slack/escape.js';

/** Undoes the three entities; the joiner is removed too, to compare with the input. */
const unescapeMrkdwn = (s: string) =>
  s
    .replace(/\u2060/g, '')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');

describe('escapeMrkdwn', () => {
  it.each([
    ['<!channel>', '&lt;!channel&gt;'],
    ['<!here|here>', '&lt;!here|here&gt;'],
    ['<@U123>', '&lt;@U123&gt;'],
    ['Tom & Jerry', 'Tom &amp; Jerry'],
    ['&lt; stays literal', '&amp;lt; stays literal'],
    ['<https://evil.example|click>', '&lt;https://evil.example|click&gt;'],
  ])('escapes %j', (input, output) => {
    expect(escapeMrkdwn(input)).toBe(output);
  });

  it.each(['@channel', '@here', '@everyone', '@Everyone'])('defuses a typed %s', (word) => {
    const escaped = escapeMrkdwn(`hey ${word}!`);
    expect(escaped).not.toContain(word);
    expect(escaped.replace(/\u2060/g, '')).toBe(`hey ${word}!`);
  });

  it('leaves other @words and plain text alone', () => {
    expect(escapeMrkdwn('mail me@channels.example, @heretic')).toBe('mail me@channels.example, @heretic');
  });

  it('never lets < or > through, and loses nothing', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme-composite' }), (s) => {
        const escaped = escapeMrkdwn(s);
        expect(escaped).not.toMatch(/[<>]/);
        expect(escaped).not.toMatch(/&(?!amp;|lt;|gt;)/);
        expect(unescapeMrkdwn(escaped)).toBe(s);
      }),
    );
  });
});

describe('truncate', () => {
  it('keeps text within the limit as it is', () => {
    expect(truncate('short', 5)).toBe('short');
  });

  it('cuts with an ellipsis', () => {
    expect(truncate('abcdefgh', 5)).toBe('abcd…');
  });

  it('never leaves half an entity or half a surrogate pair', () => {
    expect(truncate('ab &amp; cd', 6)).toBe('ab …');
    expect(truncate('ab😀cd', 4)).toBe('ab…');
  });

  it('always fits, for any escaped text and limit', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'grapheme-composite', maxLength: 300 }),
        fc.integer({ min: 1, max: 400 }),
        (s, max) => {
          const cut = mrkdwn(s, max);
          expect(cut.length).toBeLessThanOrEqual(max);
          expect(cut).not.toMatch(/&[a-z]*…$/);
          expect(cut).not.toMatch(/[\uD800-\uDBFF](…)?$/);
        },
      ),
    );
  });
});

describe('mrkdwnLink', () => {
  it('links http(s) urls and keeps | and > from closing the link early', () => {
    expect(mrkdwnLink('https://example.com/a?b=1&c=2', 'Title')).toBe(
      '<https://example.com/a?b=1&amp;c=2|Title>',
    );
    expect(mrkdwnLink('https://example.com/a|b>c', 'T')).toBe('<https://example.com/a%7Cb%3Ec|T>');
  });

  it('shows only the label for anything else', () => {
    expect(mrkdwnLink('javascript:alert(1)', 'T')).toBe('T');
    expect(mrkdwnLink('https://a b', 'T')).toBe('T');
  });
});

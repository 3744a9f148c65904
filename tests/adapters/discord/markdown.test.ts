import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeMarkdown } from '../../../adapters/discord/markdown.js';
import { shown } from './display.js';

describe('escapeMarkdown', () => {
  it('displays as the original text, whatever it holds', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        expect(shown(escapeMarkdown(text))).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('leaves no formatting character unescaped', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('*', '_', '~', '`', '|', '[', ']', '\\', 'a', ' ', '\n') }),
        (text) => {
          // Drop escaped pairs; what is left must hold no markdown character.
          expect(escapeMarkdown(text).replace(/\\[\s\S]/g, '')).not.toMatch(/[*_~`|[\]\\]/);
        },
      ),
    );
  });

  it.each([
    ['# Heading', '\\# Heading'],
    ['> quote', '\\> quote'],
    ['- item\n  2. item', '\\- item\n  \\2. item'],
    ['-# subtext', '\\-# subtext'],
    ['a - b > c # d', 'a - b > c # d'],
    ['[link](https://x.test)', '\\[link\\](https://x.test)'],
  ])('escapes line-start markup in %j', (text, escaped) => {
    expect(escapeMarkdown(text)).toBe(escaped);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cardCustomId, parseCardCustomId } from '../../../adapters/discord/custom-id.js';
import { limits, truncate } from '../../../adapters/discord/limits.js';
import { type DiscordReply, embedLength, renderReply } from '../../../adapters/discord/render-embed.js';
import type { CardChoice, Reply } from '../../../src/bot/reply.js';

/** Every limit Discord enforces on a message, checked on a rendered reply. */
function expectWithinLimits(rendered: DiscordReply) {
  expect((rendered.content ?? '').length).toBeLessThanOrEqual(limits.content);
  expect(rendered.embeds.reduce((sum, e) => sum + embedLength(e), 0)).toBeLessThanOrEqual(limits.embedsTotal);
  for (const embed of rendered.embeds) {
    expect((embed.title ?? '').length).toBeLessThanOrEqual(limits.embedTitle);
    expect((embed.description ?? '').length).toBeLessThanOrEqual(limits.embedDescription);
    expect((embed.footer?.text ?? '').length).toBeLessThanOrEqual(limits.footerText);
    expect((embed.fields ?? []).length).toBeLessThanOrEqual(limits.embedFields);
    for (const field of embed.fields ?? []) {
      expect(field.name.length).toBeGreaterThan(0);
      expect(field.name.length).toBeLessThanOrEqual(limits.fieldName);
      expect(field.value.length).toBeGreaterThan(0);
      expect(field.value.length).toBeLessThanOrEqual(limits.fieldValue);
    }
  }
  expect(rendered.components.length).toBeLessThanOrEqual(limits.rows);
  const ids = rendered.components.flatMap((row) => {
    expect(row.components.length).toBeGreaterThan(0);
    expect(row.components.length).toBeLessThanOrEqual(limits.buttonsPerRow);
    return row.components.map((button) => {
      expect(button.label?.length ?? 0).toBeLessThanOrEqual(limits.buttonLabel);
      expect(button.custom_id.length).toBeLessThanOrEqual(limits.customId);
      return button.custom_id;
    });
  });
  expect(new Set(ids).size).toBe(ids.length);
}

// Discord's limits are only reached by long texts and many cards, and fast-check keeps sizes
// small by default: texts are a short random piece repeated to a random length up to the maximum
// (cheap to generate, any Unicode, lone surrogates included), and arrays use `size: 'max'`.
const long = (maxLength: number) =>
  fc
    .tuple(fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }), fc.integer({ min: 0, max: maxLength }))
    .map(([piece, length]) => piece.repeat(Math.ceil(length / piece.length)).slice(0, length));
const id = fc.stringMatching(/^[a-z0-9][a-z0-9-]{0,70}$/);
const choice: fc.Arbitrary<CardChoice> = fc.record({ pack: id, card: id, title: long(120) });
const choices = fc.array(choice, { maxLength: 40, size: 'max' });

const reply: fc.Arbitrary<Reply> = fc.oneof(
  fc.record({
    kind: fc.constant('answer' as const),
    card: choice,
    text: long(6000),
    confidence: fc.double({ min: 0, max: 1, noNaN: true }),
    citation: fc.record({
      sourceTitle: long(600),
      sentences: fc.array(long(1500), { minLength: 1, maxLength: 6, size: 'max' }),
    }),
    suggestions: choices,
    related: choices,
    staleSince: fc.option(fc.constant('2024-01-01'), { nil: undefined }),
  }),
  fc.record({
    kind: fc.constant('no-match' as const),
    text: long(6000),
    confidence: fc.double({ min: 0, max: 1, noNaN: true }),
    suggestions: choices,
  }),
  fc.record({
    kind: fc.constant('builtin' as const),
    intent: fc.constantFrom('help' as const, 'topics' as const, 'greeting' as const),
    text: long(5000),
    examples: fc.array(long(300), { maxLength: 30, size: 'max' }),
    topics: fc.array(
      fc.record({
        pack: id,
        packTitle: long(100),
        subject: long(300),
        cards: fc.array(choice, { maxLength: 30, size: 'max' }),
      }),
      { maxLength: 40, size: 'max' },
    ),
    suggestions: choices,
  }),
  fc.record({
    kind: fc.constant('invalid' as const),
    reason: fc.constantFrom('empty' as const, 'too-long' as const),
    text: long(3000),
  }),
);

const card = (n: number): CardChoice => ({ pack: 'story', card: `card-${n}`, title: `Card ${n}` });
const answer = (over: Partial<Extract<Reply, { kind: 'answer' }>> = {}): Reply => ({
  kind: 'answer',
  card: card(0),
  text: 'An answer.',
  confidence: 0.9,
  citation: { sourceTitle: 'The source', sentences: ['First sentence.', 'Second sentence.'] },
  suggestions: [],
  related: [],
  ...over,
});

describe('renderReply', () => {
  it('keeps any reply within every Discord limit', () => {
    fc.assert(
      fc.property(reply, (r) => expectWithinLimits(renderReply(r))),
      // Shrinking replies this large takes minutes; the seed in the report reproduces a failure.
      { numRuns: 200, endOnFailure: true },
    );
  });

  it('puts the card in the title, the answer in the description and the citation in the footer', () => {
    const [embed] = renderReply(answer()).embeds;
    expect(embed).toMatchObject({
      title: 'Card 0',
      description: 'An answer.',
      footer: { text: 'Source: The source\n“First sentence.”\n“Second sentence.”' },
    });
  });

  it('cuts a long answer with an ellipsis and keeps the review note', () => {
    const [embed] = renderReply(answer({ text: 'word '.repeat(2000), staleSince: '2024-05-01' })).embeds;
    expect(embed?.description?.length).toBeLessThanOrEqual(limits.embedDescription);
    expect(embed?.description).toContain('…');
    expect(embed?.description).toMatch(/2024-05-01; it may be out of date\.\)\*$/);
  });

  it('shows card text as typed, not as Discord markdown', () => {
    const [embed] = renderReply(answer({ text: 'a *b* _c_ ~~d~~ `e`' })).embeds;
    expect(embed?.description).toBe('a \\*b\\* \\_c\\_ \\~\\~d\\~\\~ \\`e\\`');
  });

  it('makes one button per card, never for the answered card, at most 5 rows of 5', () => {
    const many = Array.from({ length: 40 }, (_, i) => card(i));
    const rendered = renderReply(answer({ suggestions: [card(1), card(1), card(0)], related: many }));
    const ids = rendered.components.flatMap((r) => r.components.map((b) => b.custom_id));
    expect(rendered.components).toHaveLength(5);
    expect(ids).toHaveLength(25);
    expect(ids[0]).toBe('factdesk:card:story:card-1');
    expect(ids).not.toContain('factdesk:card:story:card-0');
  });

  it('shows at most 25 topic fields, and counts the titles that do not fit a field', () => {
    const topics = Array.from({ length: 30 }, (_, i) => ({
      pack: 'story',
      packTitle: 'Story',
      subject: `Subject ${i}`,
      cards: Array.from({ length: 40 }, (_, j) => ({ ...card(j), title: `Card ${j} ${'x'.repeat(60)}` })),
    }));
    const [embed] = renderReply({
      kind: 'builtin',
      intent: 'topics',
      text: 'Topics:',
      examples: [],
      topics,
      suggestions: [],
    }).embeds;
    expect(embed?.fields?.length).toBeLessThanOrEqual(25);
    expect(embed?.fields?.[0]?.value).toMatch(/^• Card 0 x+\n• Card 1 x+\n[\s\S]*\n… and \d+ more$/);
    expect(embed?.fields?.[0]?.value.length).toBeLessThanOrEqual(limits.fieldValue);
  });

  it('makes a miss and an unusable question ephemeral, answers and built-ins public', () => {
    expect(renderReply(answer()).ephemeral).toBe(false);
    expect(renderReply({ kind: 'no-match', text: 'No.', confidence: 0, suggestions: [] }).ephemeral).toBe(
      true,
    );
    expect(renderReply({ kind: 'invalid', reason: 'empty', text: 'Type a question.' })).toMatchObject({
      content: 'Type a question.',
      embeds: [],
      ephemeral: true,
    });
    const help: Reply = {
      kind: 'builtin',
      intent: 'help',
      text: 'Help.',
      examples: [],
      topics: [],
      suggestions: [],
    };
    expect(renderReply(help).ephemeral).toBe(false);
  });
});

describe('truncate', () => {
  it('returns at most max characters, the text itself when it fits', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary', maxLength: 300 }),
        fc.integer({ min: 0, max: 300 }),
        (text, max) => {
          const cut = truncate(text, max);
          expect(cut.length).toBeLessThanOrEqual(max);
          if (text.length <= max) expect(cut).toBe(text);
          // No lone high surrogate is left at the end of a cut.
          if (cut !== text) expect(cut).not.toMatch(/[\uD800-\uDBFF]…?$/);
        },
      ),
    );
  });
});

describe('card custom ids', () => {
  it('round-trip, and reject ids this bot did not make or that exceed 100 characters', () => {
    fc.assert(
      fc.property(id, id, (pack, c) => {
        const customId = cardCustomId({ pack, card: c });
        if (customId === undefined) expect(`factdesk:card:${pack}:${c}`.length).toBeGreaterThan(100);
        else expect(parseCardCustomId(customId)).toEqual({ pack, card: c });
      }),
    );
    expect(parseCardCustomId('someone-else:card:a:b')).toBeUndefined();
    expect(parseCardCustomId('factdesk:card:a:b:c')).toBeUndefined();
    expect(cardCustomId({ pack: 'p', card: 'x'.repeat(90) })).toBeUndefined();
  });
});

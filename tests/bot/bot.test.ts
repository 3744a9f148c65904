import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createBot } from '../../src/bot/bot.js';
import type { Query } from '../../src/bot/query.js';
import type { Reply } from '../../src/bot/reply.js';
import { loadPacks } from '../../src/knowledge/load-packs.js';

const packs = loadPacks('knowledge');
const bot = createBot(packs);
const ask = (text: string): Reply =>
  bot.ask({ text, user: 'u1', conversation: 'c1', platform: 'console' } satisfies Query);
const cardOf = (text: string) => {
  const r = ask(text);
  return r.kind === 'answer' ? r.card.card : undefined;
};
// The card the matcher ranks first, whatever the abstention threshold: spellings of a name and
// typos must lead to the same card, whether or not the bot is sure enough to answer with it.
const eager = createBot(packs, { matcher: { abstainBelow: 0 } });
const leadingCard = (text: string) => {
  const r = eager.ask({ text, user: 'u1', conversation: text, platform: 'console' });
  return r.kind === 'answer' ? r.card.card : undefined;
};

describe('bot', () => {
  it.each([
    ['Evan Gershkovich', 'Ivan Gershkovich'],
    ['Vadim Krasikov', 'Vedim Krasikov'],
    ['Paul Whelan', 'Paul Whalen'],
    ['Alsu Kurmasheva', 'Alsou Kurmasheva'],
  ])('treats %s and %s as the same person', (a, b) => {
    for (const template of ['Who is X?', 'Why was X arrested?', 'tell me about X']) {
      const left = leadingCard(template.replace('X', a));
      expect(left, template.replace('X', a)).toBeDefined();
      expect(leadingCard(template.replace('X', b))).toBe(left);
    }
  });

  it.each([['Who is Gerskovich?'], ['who is krasikow'], ['who is kurmasheeva'], ['where was the exchnage']])(
    'answers despite the typo in %s as it does without it',
    (typo) => {
      const fixed = typo
        .replace('Gerskovich', 'Gershkovich')
        .replace('krasikow', 'krasikov')
        .replace('kurmasheeva', 'kurmasheva')
        .replace('exchnage', 'exchange');
      expect(leadingCard(typo)).toBeDefined();
      expect(leadingCard(typo)).toBe(leadingCard(fixed));
    },
  );

  it('answers with the card text and cites its source sentences', () => {
    const reply = ask('Who is Krasikov?');
    expect(reply.kind).toBe('answer');
    if (reply.kind !== 'answer') return;
    const pack = packs.find((p) => p.id === reply.card.pack);
    const card = pack?.cards.find((c) => c.id === reply.card.card);
    expect(reply.text).toBe(card?.answer);
    expect(reply.citation.sourceTitle).toBe(pack?.source.title);
    expect(reply.citation.sentences.length).toBeGreaterThan(0);
    for (const s of reply.citation.sentences)
      expect(pack?.source.text.replace(/[’‘]/g, "'")).toContain(s.replace(/[’‘]/g, "'"));
  });

  it('abstains on questions far from every card and suggests what it can answer', () => {
    for (const text of [
      'What is the capital of Australia?',
      'Recommend a good pasta recipe',
      'asdf qwerty zxcv',
    ]) {
      const reply = ask(text);
      expect(reply.kind, text).toBe('no-match');
      if (reply.kind === 'no-match') expect(reply.suggestions.length).toBeGreaterThan(0);
    }
  });

  it('answers built-in intents without touching the cards', () => {
    for (const [text, intent] of [
      ['help', 'help'],
      ['hi', 'greeting'],
      ['thanks!', 'thanks'],
      ['bye', 'goodbye'],
      ['topics', 'topics'],
      ['what is your source', 'about'],
    ] as const) {
      const reply = ask(text);
      expect(reply.kind, text).toBe('builtin');
      if (reply.kind === 'builtin') expect(reply.intent).toBe(intent);
    }
    const help = ask('help');
    if (help.kind === 'builtin') expect(help.examples.length).toBeGreaterThan(0);
    const topics = ask('topics');
    if (topics.kind === 'builtin') {
      expect(topics.topics.flatMap((g) => g.cards).length).toBe(packs.flatMap((p) => p.cards).length);
    }
  });

  it('does not mistake a question that contains "help" for the help intent', () => {
    expect(ask('who helped arrange the swap').kind).not.toBe('builtin');
  });

  it('ignores a greeting in front of a question', () => {
    expect(cardOf('hi, who is Krasikov?')).toBe(cardOf('who is Krasikov?'));
  });

  it('answers a bare mention of the bot with help', () => {
    expect(ask('<@U0BOT>')).toMatchObject({ kind: 'builtin', intent: 'help' });
  });

  it('refuses empty and oversized input with a message', () => {
    expect(ask('   ')).toMatchObject({ kind: 'invalid', reason: 'empty' });
    expect(ask('why '.repeat(2000))).toMatchObject({ kind: 'invalid', reason: 'too-long' });
  });

  it('answers a chosen suggestion with that card', () => {
    const card = packs[0]?.cards[3];
    if (!card || !packs[0]) throw new Error('pack has too few cards');
    const reply = bot.choose(
      { text: '', user: 'u', conversation: 'c', platform: 'console' },
      { pack: packs[0].id, card: card.id },
    );
    expect(reply).toMatchObject({ kind: 'answer', text: card.answer });
  });

  it('never throws and always replies with text, whatever the input', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000, unit: 'grapheme' }), (s) => {
        const reply = ask(s);
        expect(typeof reply.text).toBe('string');
        expect(reply.text.length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });
});

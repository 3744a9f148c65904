import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { slackQuestion } from '../../adapters/slack/conversation.js';
import { createBot } from '../../src/bot/bot.js';
import type { Query } from '../../src/bot/query.js';
import type { Reply } from '../../src/bot/reply.js';
import { loadPacks } from '../../src/knowledge/load-packs.js';
import { answeredCard } from '../support/answered-card.js';

const packs = loadPacks('knowledge');
const bot = createBot(packs);
const ask = (text: string): Promise<Reply> =>
  bot.ask({ text, user: 'u1', conversation: 'c1', platform: 'console' } satisfies Query);
const cardOf = async (text: string) => {
  const r = await ask(text);
  return r.kind === 'answer' ? r.card.card : undefined;
};
// The card the matcher ranks first, whatever the abstention threshold: spellings of a name and
// typos must lead to the same card, whether or not the bot is sure enough to answer with it.
const eager = createBot(packs, { matcher: { abstainBelow: 0 } });
const leadingCard = (text: string) => answeredCard(eager, text);

describe('bot', () => {
  it.each([
    ['Evan Gershkovich', 'Ivan Gershkovich'],
    ['Vadim Krasikov', 'Vedim Krasikov'],
    ['Paul Whelan', 'Paul Whalen'],
    ['Alsu Kurmasheva', 'Alsou Kurmasheva'],
  ])('treats %s and %s as the same person', async (a, b) => {
    for (const template of ['Who is X?', 'Why was X arrested?', 'tell me about X']) {
      const left = await leadingCard(template.replace('X', a));
      expect(left, template.replace('X', a)).toBeDefined();
      expect(await leadingCard(template.replace('X', b))).toBe(left);
    }
  });

  it.each([['Who is Gerskovich?'], ['who is krasikow'], ['who is kurmasheeva'], ['where was the exchnage']])(
    'answers despite the typo in %s as it does without it',
    async (typo) => {
      const fixed = typo
        .replace('Gerskovich', 'Gershkovich')
        .replace('krasikow', 'krasikov')
        .replace('kurmasheeva', 'kurmasheva')
        .replace('exchnage', 'exchange');
      expect(await leadingCard(typo)).toBeDefined();
      expect(await leadingCard(typo)).toBe(await leadingCard(fixed));
    },
  );

  it('answers with the card text and cites its source sentences', async () => {
    const reply = await ask('Who is Krasikov?');
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

  it('abstains on questions far from every card and suggests what it can answer', async () => {
    for (const text of [
      'What is the capital of Australia?',
      'Recommend a good pasta recipe',
      'asdf qwerty zxcv',
    ]) {
      const reply = await ask(text);
      expect(reply.kind, text).toBe('no-match');
      if (reply.kind === 'no-match') expect(reply.suggestions.length).toBeGreaterThan(0);
    }
  });

  it('answers built-in intents without touching the cards', async () => {
    for (const [text, intent] of [
      ['help', 'help'],
      ['hi', 'greeting'],
      ['thanks!', 'thanks'],
      ['bye', 'goodbye'],
      ['topics', 'topics'],
      ['what is your source', 'about'],
    ] as const) {
      const reply = await ask(text);
      expect(reply.kind, text).toBe('builtin');
      if (reply.kind === 'builtin') expect(reply.intent).toBe(intent);
    }
    const help = await ask('help');
    if (help.kind === 'builtin') expect(help.examples.length).toBeGreaterThan(0);
    const topics = await ask('topics');
    if (topics.kind === 'builtin') {
      expect(topics.topics.flatMap((g) => g.cards).length).toBe(packs.flatMap((p) => p.cards).length);
    }
  });

  it('does not mistake a question that contains "help" for the help intent', async () => {
    expect((await ask('who helped arrange the swap')).kind).not.toBe('builtin');
  });

  it('ignores a greeting in front of a question', async () => {
    expect(await cardOf('hi, who is Krasikov?')).toBe(await cardOf('who is Krasikov?'));
  });

  it('answers a bare mention of the bot with help', async () => {
    // The adapter reads the mention (Slack's syntax here) and asks with the help intent.
    const asked = slackQuestion('<@U0BOT>', 'U0BOT');
    expect(await bot.ask({ ...asked, user: 'u1', conversation: 'c1', platform: 'slack' })).toMatchObject({
      kind: 'builtin',
      intent: 'help',
    });
  });

  it('refuses empty and oversized input with a message', async () => {
    expect(await ask('   ')).toMatchObject({ kind: 'invalid', reason: 'empty' });
    expect(await ask('why '.repeat(2000))).toMatchObject({ kind: 'invalid', reason: 'too-long' });
  });

  it('answers a chosen suggestion with that card', async () => {
    const card = packs[0]?.cards[3];
    if (!card || !packs[0]) throw new Error('pack has too few cards');
    const reply = await bot.ask({
      intent: { pack: packs[0].id, card: card.id },
      user: 'u',
      conversation: 'c',
      platform: 'console',
    });
    expect(reply).toMatchObject({ kind: 'answer', text: card.answer });
  });

  it('never throws and always replies with text, whatever the input', async () => {
    await fc.assert(
      fc.asyncProperty(fc.string({ maxLength: 2000, unit: 'grapheme' }), async (s) => {
        const reply = await ask(s);
        expect(typeof reply.text).toBe('string');
        expect(reply.text.length).toBeGreaterThan(0);
      }),
      { numRuns: 200 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { createBot } from '../../src/bot/bot.js';
import { unknownScopedPacks } from '../../src/bot/pack-scope.js';
import type { Reply } from '../../src/bot/reply.js';
import { loadPacks } from '../../src/knowledge/load-packs.js';

const packs = loadPacks('knowledge');
const story = packs.find((p) => p.id === 'us-russia-prisoner-exchange');
if (!story) throw new Error('bundled story pack missing');
const subjectOf = (reply: Reply) => {
  if (reply.kind !== 'answer') return undefined;
  return story.cards.find((c) => c.id === reply.card.card)?.subject;
};

describe('follow-up questions', () => {
  const bot = createBot(packs);
  const ask = (conversation: string, text: string) =>
    bot.ask({ text, user: 'u', conversation, platform: 'console' });

  it('stays on the person the conversation is about', () => {
    expect(subjectOf(ask('c1', 'Who is Gershkovich?'))).toBe('gershkovich');
    expect(subjectOf(ask('c1', 'what was he sentenced to?'))).toBe('gershkovich');
    expect(subjectOf(ask('c1', 'why was he arrested?'))).toBe('gershkovich');
    expect(subjectOf(ask('c2', 'tell me about Krasikov'))).toBe('krasikov');
    expect(subjectOf(ask('c2', 'what unit?'))).toBe('krasikov');
  });

  it('answers the same follow-up by the subject of each conversation', () => {
    ask('g', 'Who is Gershkovich?');
    ask('k', 'Who is Krasikov?');
    expect(subjectOf(ask('g', 'what was his sentence?'))).toBe('gershkovich');
    expect(subjectOf(ask('k', 'what was his sentence?'))).toBe('krasikov');
  });

  it('lets a newly named subject replace the old one', () => {
    ask('c3', 'Who is Gershkovich?');
    expect(subjectOf(ask('c3', 'Who is Paul Whelan?'))).toBe('whelan');
    expect(subjectOf(ask('c3', 'when was he arrested?'))).toBe('whelan');
  });

  it('forgets the subject once the memory expires', () => {
    let now = 0;
    const forgetful = createBot(packs, { memory: { ttlMs: 1000, now: () => now } });
    const q = (text: string) => forgetful.ask({ text, user: 'u', conversation: 'c', platform: 'console' });
    q('Who is Krasikov?');
    const soon = q('what unit?');
    now = 5000;
    const late = q('what unit?');
    expect(subjectOf(soon)).toBe('krasikov');
    const stranger = forgetful.ask({
      text: 'what unit?',
      user: 'u',
      conversation: 'new',
      platform: 'console',
    });
    expect(late).toEqual(stranger);
  });
});

describe('packs', () => {
  it('loads several packs with ids unique per pack, shown in help and topics', () => {
    expect(packs.length).toBeGreaterThanOrEqual(2);
    const bot = createBot(packs);
    const topics = bot.ask({ text: 'topics', user: 'u', conversation: 'c', platform: 'console' });
    expect(topics.kind === 'builtin' && new Set(topics.topics.map((g) => g.pack)).size).toBe(packs.length);
    const help = bot.ask({ text: 'help', user: 'u', conversation: 'c', platform: 'console' });
    for (const p of packs) expect(help.text).toContain(p.title);
  });

  it('limits a conversation to the packs configured for it', () => {
    const faq = packs.find((p) => p.id === 'factdesk-faq');
    if (!faq) throw new Error('FAQ pack missing');
    const bot = createBot(packs, {
      packsFor: (q) => (q.conversation.startsWith('faq-only') ? [faq.id] : undefined),
    });
    const scoped = bot.ask({
      text: 'Who is Krasikov?',
      user: 'u',
      conversation: 'faq-only:1',
      platform: 'console',
    });
    const open = bot.ask({ text: 'Who is Krasikov?', user: 'u', conversation: 'other', platform: 'console' });
    expect(scoped.kind === 'answer' ? scoped.card.pack : 'none').not.toBe(story.id);
    expect(open.kind === 'answer' && open.card.pack).toBe(story.id);
    const card = story.cards[0];
    if (!card) throw new Error('no card');
    const picked = bot.choose(
      { text: '', user: 'u', conversation: 'faq-only:1', platform: 'console' },
      { pack: story.id, card: card.id },
    );
    expect(picked.kind).toBe('no-match');
    expect(picked.text).not.toContain(story.title);
  });
});

describe('pack scoping settings', () => {
  it('finds pack ids that no loaded pack has', () => {
    expect(unknownScopedPacks('slack:T1=us-rusia, factdesk-faq;discord=x', ['factdesk-faq'])).toEqual([
      'us-rusia',
      'x',
    ]);
    expect(unknownScopedPacks(undefined, ['factdesk-faq'])).toEqual([]);
  });
});

describe('freshness', () => {
  it('says an answer may be out of date once its card is past review_by', () => {
    const card = story.cards[0];
    if (!card) throw new Error('no card');
    const dated = [
      { ...story, cards: story.cards.map((c) => (c === card ? { ...c, reviewBy: '2026-01-01' } : c)) },
    ];
    const before = createBot(dated, { today: () => '2025-12-31' }).choose(
      { text: '', user: 'u', conversation: 'c', platform: 'console' },
      { pack: story.id, card: card.id },
    );
    const after = createBot(dated, { today: () => '2026-01-02' }).choose(
      { text: '', user: 'u', conversation: 'c', platform: 'console' },
      { pack: story.id, card: card.id },
    );
    expect(before.kind === 'answer' && before.staleSince).toBeUndefined();
    expect(after).toMatchObject({ kind: 'answer', staleSince: '2026-01-01' });
    expect(after.text).toBe(card.answer);
  });
});

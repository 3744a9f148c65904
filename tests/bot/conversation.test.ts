import { describe, expect, it } from 'vitest';
import { createBot } from '../../src/bot/bot.js';
import { unknownScopedPacks } from '../../src/bot/pack-scope.js';
import type { Reply } from '../../src/bot/reply.js';
import { loadPacks } from '../../src/knowledge/load-packs.js';
import { inProcessConversations } from '../../src/state/conversations.js';

const packs = loadPacks('knowledge');
const story = packs.find((p) => p.id === 'us-russia-prisoner-exchange');
if (!story) throw new Error('bundled story pack missing');
const subjectOf = async (pending: Promise<Reply>) => {
  const reply = await pending;
  if (reply.kind !== 'answer') return undefined;
  return story.cards.find((c) => c.id === reply.card.card)?.subject;
};

describe('follow-up questions', () => {
  const bot = createBot(packs);
  const ask = (conversation: string, text: string) =>
    bot.ask({ text, user: 'u', conversation, platform: 'console' });

  it('stays on the person the conversation is about', async () => {
    expect(await subjectOf(ask('c1', 'Who is Gershkovich?'))).toBe('gershkovich');
    expect(await subjectOf(ask('c1', 'what was he sentenced to?'))).toBe('gershkovich');
    expect(await subjectOf(ask('c1', 'why was he arrested?'))).toBe('gershkovich');
    expect(await subjectOf(ask('c2', 'tell me about Krasikov'))).toBe('krasikov');
    expect(await subjectOf(ask('c2', 'what unit?'))).toBe('krasikov');
  });

  it('answers the same follow-up by the subject of each conversation', async () => {
    await ask('g', 'Who is Gershkovich?');
    await ask('k', 'Who is Krasikov?');
    expect(await subjectOf(ask('g', 'what was his sentence?'))).toBe('gershkovich');
    expect(await subjectOf(ask('k', 'what was his sentence?'))).toBe('krasikov');
  });

  it('lets a newly named subject replace the old one', async () => {
    await ask('c3', 'Who is Gershkovich?');
    expect(await subjectOf(ask('c3', 'Who is Paul Whelan?'))).toBe('whelan');
    expect(await subjectOf(ask('c3', 'when was he arrested?'))).toBe('whelan');
  });

  it('forgets the subject once the memory expires', async () => {
    let now = 0;
    const forgetful = createBot(packs, {
      conversations: inProcessConversations({ ttlMs: 1000, now: () => now }),
    });
    const q = (text: string) => forgetful.ask({ text, user: 'u', conversation: 'c', platform: 'console' });
    await q('Who is Krasikov?');
    const soon = await q('what unit?');
    now = 5000;
    const late = await q('what unit?');
    expect(await subjectOf(Promise.resolve(soon))).toBe('krasikov');
    const stranger = await forgetful.ask({
      text: 'what unit?',
      user: 'u',
      conversation: 'new',
      platform: 'console',
    });
    expect(late).toEqual(stranger);
  });
});

describe('packs', () => {
  it('loads several packs with ids unique per pack, shown in help and topics', async () => {
    expect(packs.length).toBeGreaterThanOrEqual(2);
    const bot = createBot(packs);
    const topics = await bot.ask({ text: 'topics', user: 'u', conversation: 'c', platform: 'console' });
    expect(topics.kind === 'builtin' && new Set(topics.topics.map((g) => g.pack)).size).toBe(packs.length);
    const help = await bot.ask({ text: 'help', user: 'u', conversation: 'c', platform: 'console' });
    for (const p of packs) expect(help.text).toContain(p.title);
  });

  it('limits a conversation to the packs configured for it', async () => {
    const faq = packs.find((p) => p.id === 'factdesk-faq');
    if (!faq) throw new Error('FAQ pack missing');
    const bot = createBot(packs, {
      packsFor: (q) => (q.conversation.startsWith('faq-only') ? [faq.id] : undefined),
    });
    const scoped = await bot.ask({
      text: 'Who is Krasikov?',
      user: 'u',
      conversation: 'faq-only:1',
      platform: 'console',
    });
    const open = await bot.ask({
      text: 'Who is Krasikov?',
      user: 'u',
      conversation: 'other',
      platform: 'console',
    });
    expect(scoped.kind === 'answer' ? scoped.card.pack : 'none').not.toBe(story.id);
    expect(open.kind === 'answer' && open.card.pack).toBe(story.id);
    const card = story.cards[0];
    if (!card) throw new Error('no card');
    const picked = await bot.ask({
      intent: { pack: story.id, card: card.id },
      user: 'u',
      conversation: 'faq-only:1',
      platform: 'console',
    });
    expect(picked.kind).toBe('no-match');
    expect(picked.text).not.toContain(story.title);
  });
});

describe('pack scoping settings', () => {
  it('finds pack ids that no loaded pack has', async () => {
    expect(unknownScopedPacks('slack:T1=us-rusia, factdesk-faq;discord=x', ['factdesk-faq'])).toEqual([
      'us-rusia',
      'x',
    ]);
    expect(unknownScopedPacks(undefined, ['factdesk-faq'])).toEqual([]);
  });
});

describe('freshness', () => {
  it('says an answer may be out of date once its card is past review_by', async () => {
    const card = story.cards[0];
    if (!card) throw new Error('no card');
    const dated = [
      { ...story, cards: story.cards.map((c) => (c === card ? { ...c, reviewBy: '2026-01-01' } : c)) },
    ];
    const pick = {
      intent: { pack: story.id, card: card.id },
      user: 'u',
      conversation: 'c',
      platform: 'console',
    };
    const before = await createBot(dated, { today: () => '2025-12-31' }).ask(pick);
    const after = await createBot(dated, { today: () => '2026-01-02' }).ask(pick);
    expect(before.kind === 'answer' && before.staleSince).toBeUndefined();
    expect(after).toMatchObject({ kind: 'answer', staleSince: '2026-01-01' });
    expect(after.text).toBe(card.answer);
  });
});

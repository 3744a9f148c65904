import { describe, expect, it } from 'vitest';
import { createBot } from '../../src/bot/bot.js';
import type { Asked } from '../../src/bot/query.js';
import type { Reply } from '../../src/bot/reply.js';
import { loadPacks } from '../../src/knowledge/load-packs.js';

const packs = loadPacks('knowledge');
const story = packs.find((p) => p.id === 'us-russia-prisoner-exchange');
if (!story) throw new Error('bundled story pack missing');
const bot = createBot(packs, {
  packsFor: (asker) => (asker.conversation.startsWith('faq:') ? ['factdesk-faq'] : undefined),
});
const ask = (asked: Asked, conversation = 'c'): Promise<Reply> =>
  bot.ask({ ...asked, user: 'u', conversation, platform: 'test' });

describe('intents', () => {
  it.each(['help', 'topics', 'about'] as const)(
    'answers the %s intent as typing "%s" would',
    async (intent) => {
      const byIntent = await ask({ intent });
      expect(byIntent).toMatchObject({ kind: 'builtin', intent });
      expect(byIntent).toEqual(await ask({ text: intent }));
    },
  );

  it('answers a picked card with that card, and remembers its subject for a follow-up', async () => {
    const card = story.cards.find((c) => c.subject === 'gershkovich');
    if (!card) throw new Error('no card about Gershkovich');
    const picked = await ask({ intent: { pack: story.id, card: card.id } }, 'pick');
    expect(picked).toMatchObject({
      kind: 'answer',
      card: { pack: story.id, card: card.id },
      text: card.answer,
    });
    const followUp = await ask({ text: 'what was he sentenced to?' }, 'pick');
    const subject =
      followUp.kind === 'answer' && story.cards.find((c) => c.id === followUp.card.card)?.subject;
    expect(subject).toBe('gershkovich');
  });

  it('answers a card that does not exist, or a pack the conversation may not use, with no match', async () => {
    expect(await ask({ intent: { pack: story.id, card: 'no-such-card' } })).toMatchObject({
      kind: 'no-match',
    });
    expect(await ask({ intent: { pack: 'no-such-pack', card: 'x' } })).toMatchObject({ kind: 'no-match' });
    const card = story.cards[0];
    if (!card) throw new Error('no card');
    expect(await ask({ intent: { pack: story.id, card: card.id } }, 'faq:1')).toMatchObject({
      kind: 'no-match',
    });
  });

  it('keeps built-in intents within the packs of the conversation', async () => {
    const topics = await ask({ intent: 'topics' }, 'faq:1');
    expect(topics.kind === 'builtin' && [...new Set(topics.topics.map((t) => t.pack))]).toEqual([
      'factdesk-faq',
    ]);
    const help = await ask({ intent: 'help' }, 'faq:1');
    expect(help.text).not.toContain(story.title);
  });

  it('still reads "help" typed as text as the help intent, but not a question that contains it', async () => {
    expect(await ask({ text: 'help' })).toMatchObject({ kind: 'builtin', intent: 'help' });
    expect((await ask({ text: 'who helped free Whelan?' })).kind).not.toBe('builtin');
  });
});

describe('topics()', () => {
  it('lists every card of every pack by subject, whatever the conversation', () => {
    const listed = bot.topics().flatMap((t) => t.cards.map((c) => `${c.pack}/${c.card}`));
    expect(listed.sort()).toEqual(packs.flatMap((p) => p.cards.map((c) => `${p.id}/${c.id}`)).sort());
  });
});

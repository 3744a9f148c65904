import { describe, expect, it } from 'vitest';
import { createBot } from '../../src/bot/bot.js';
import type { Query } from '../../src/bot/query.js';
import { loadPacks } from '../../src/knowledge/load-packs.js';
import { createBotHolder } from '../../src/runtime/bot-holder.js';
import { inProcessConversations } from '../../src/state/conversations.js';

const packs = loadPacks('knowledge');
const query = (text: string, conversation = 'c'): Query => ({
  text,
  user: 'u',
  conversation,
  platform: 'slack',
});

describe('BotHolder', () => {
  it('answers from whichever bot was swapped in last, completions and topics included', async () => {
    const story = packs.filter((p) => p.id === 'us-russia-prisoner-exchange');
    const faq = packs.filter((p) => p.id === 'factdesk-faq');
    const holder = createBotHolder(createBot(story));
    expect((await holder.ask(query('who is Krasikov?'))).kind).toBe('answer');
    holder.swap(createBot(faq));
    expect(holder.topics().map((t) => t.pack)).toEqual(faq.map((p) => p.id));
    expect((await holder.ask(query('who is Krasikov?'))).kind).toBe('no-match');
    expect((await holder.ask(query('What is Factdesk?'))).kind).toBe('answer');
    const faqTitles = new Set(faq.flatMap((p) => p.cards.map((c) => c.title)));
    expect(holder.complete('', 5).every((title) => faqTitles.has(title))).toBe(true);
  });

  it('carries conversations over when the new bot shares the memory', async () => {
    const memory = inProcessConversations();
    const holder = createBotHolder(createBot(packs, { conversations: memory }));
    await holder.ask(query('Who is Gershkovich?', 'g'));
    await holder.ask(query('Who is Krasikov?', 'k'));
    holder.swap(createBot(packs, { conversations: memory }));
    // The same words, read by the subject each conversation had before the swap.
    const card = async (text: string, conversation: string) => {
      const reply = await holder.ask(query(text, conversation));
      return reply.kind === 'answer' ? reply.card.card : reply.kind;
    };
    expect(await card('what was his sentence?', 'g')).toBe(
      await card('what was Gershkovich sentenced to?', 'x'),
    );
    expect(await card('what was his sentence?', 'k')).toBe(
      await card('what was Krasikov sentenced to?', 'y'),
    );
    expect(await card('what was his sentence?', 'g')).not.toBe(await card('what was his sentence?', 'k'));
  });
});

import { describe, expect, it } from 'vitest';
import { createBot } from '../../src/bot/bot.js';
import { ConversationMemory } from '../../src/bot/memory.js';
import type { Query } from '../../src/bot/query.js';
import { loadPacks } from '../../src/knowledge/load-packs.js';
import { createBotHolder } from '../../src/runtime/bot-holder.js';

const packs = loadPacks('knowledge');
const query = (text: string, conversation = 'c'): Query => ({
  text,
  user: 'u',
  conversation,
  platform: 'slack',
});

describe('BotHolder', () => {
  it('answers from whichever bot was swapped in last, packs included', () => {
    const story = packs.filter((p) => p.id === 'us-russia-prisoner-exchange');
    const faq = packs.filter((p) => p.id === 'factdesk-faq');
    const holder = createBotHolder(createBot(story));
    expect(holder.ask(query('who is Krasikov?')).kind).toBe('answer');
    holder.swap(createBot(faq));
    expect(holder.packs).toBe(faq);
    expect(holder.ask(query('who is Krasikov?')).kind).toBe('no-match');
    expect(holder.ask(query('What is Factdesk?')).kind).toBe('answer');
    expect(holder.explain('What is Factdesk?').candidates[0]?.id).toMatch(/^factdesk-faq\//);
  });

  it('carries conversations over when the new bot shares the memory', () => {
    const memory = new ConversationMemory();
    const holder = createBotHolder(createBot(packs, { conversations: memory }));
    holder.ask(query('Who is Gershkovich?', 'g'));
    holder.ask(query('Who is Krasikov?', 'k'));
    holder.swap(createBot(packs, { conversations: memory }));
    // The same words, read by the subject each conversation had before the swap.
    const card = (text: string, conversation: string) => {
      const reply = holder.ask(query(text, conversation));
      return reply.kind === 'answer' ? reply.card.card : reply.kind;
    };
    expect(card('what was his sentence?', 'g')).toBe(card('what was Gershkovich sentenced to?', 'x'));
    expect(card('what was his sentence?', 'k')).toBe(card('what was Krasikov sentenced to?', 'y'));
    expect(card('what was his sentence?', 'g')).not.toBe(card('what was his sentence?', 'k'));
  });
});

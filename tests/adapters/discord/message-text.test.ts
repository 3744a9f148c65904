import { describe, expect, it } from 'vitest';
import { conversationId, discordQuestion } from '../../../adapters/discord/conversation.js';
import { guardInput } from '../../../src/bot/guard.js';

// Discord passes message content as typed; the adapter removes Discord's mention markup before
// the core's platform-neutral guard sees it.
describe('Discord mention markup', () => {
  it.each([
    ['<@100> who is Krasikov?', 'who is Krasikov?'],
    ['<@!100> who is Krasikov?', 'who is Krasikov?'],
    ['who is Krasikov, <@100>?', 'who is Krasikov, ?'],
    ['@everyone <@&55> <#77> where was the swap', 'where was the swap'],
  ])('turns %j into %j', (content, question) => {
    expect(guardInput(discordQuestion(content).text ?? '')).toEqual({ ok: true, text: question });
  });

  it('reads a bare mention as a mention: help', () => {
    expect(discordQuestion('<@100>')).toEqual({ intent: 'help' });
    expect(discordQuestion(' <@!100> @here ')).toEqual({ intent: 'help' });
  });

  it('leaves an address or a blank message alone', () => {
    expect(discordQuestion('mail someone@everyone.com')).toEqual({ text: 'mail someone@everyone.com' });
    expect(discordQuestion('   ')).toEqual({ text: '' });
  });
});

describe('conversationId', () => {
  it('is one conversation per guild channel, and per DM channel', () => {
    expect(conversationId('1', '2')).toBe('discord:1:2');
    expect(conversationId(null, '3')).toBe('discord:dm:3');
  });
});

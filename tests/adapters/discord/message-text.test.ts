import { describe, expect, it } from 'vitest';
import { conversationId } from '../../../adapters/discord/conversation.js';
import { guardInput } from '../../../src/bot/guard.js';

// Discord passes message content as typed; the core's guard removes Discord's mention markup.
describe('Discord mention markup in the core guard', () => {
  it.each([
    ['<@100> who is Krasikov?', 'who is Krasikov?'],
    ['<@!100> who is Krasikov?', 'who is Krasikov?'],
    ['who is Krasikov, <@100>?', 'who is Krasikov, ?'],
    ['@everyone <@&55> <#77> where was the swap', 'where was the swap'],
  ])('turns %j into %j', (content, question) => {
    expect(guardInput(content)).toEqual({ ok: true, text: question });
  });

  it('reads a bare mention as a mention', () => {
    expect(guardInput('<@100>')).toEqual({ ok: false, reason: 'empty', mentioned: true });
  });
});

describe('conversationId', () => {
  it('is one conversation per guild channel, and per DM channel', () => {
    expect(conversationId('1', '2')).toBe('discord:1:2');
    expect(conversationId(null, '3')).toBe('discord:dm:3');
  });
});

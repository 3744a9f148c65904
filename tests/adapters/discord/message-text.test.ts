import { describe, expect, it } from 'vitest';
import { conversationId } from '../../../adapters/discord/conversation.js';
import { questionText } from '../../../adapters/discord/message-handler.js';

describe('questionText', () => {
  it.each([
    ['<@100> who is Krasikov?', 'who is Krasikov?'],
    ['<@!100> who is Krasikov?', 'who is Krasikov?'],
    ['who is Krasikov, <@100>?', 'who is Krasikov, ?'],
    ['@everyone <@&55> <#77> where was the swap', 'where was the swap'],
    ['<@100>', ''],
  ])('turns %j into %j', (content, question) => {
    expect(questionText(content)).toBe(question);
  });
});

describe('conversationId', () => {
  it('is one conversation per guild channel, and per DM channel', () => {
    expect(conversationId('1', '2')).toBe('discord:1:2');
    expect(conversationId(null, '3')).toBe('discord:dm:3');
  });
});

import { describe, expect, it } from 'vitest';
import { decodeCardRef, encodeCardRef } from '../../../adapters/slack/card-action.js';
import {
  directConversation,
  isDirectChannel,
  personalConversation,
  slackQuestion,
  stripBotMention,
  threadConversation,
} from '../../../adapters/slack/conversation.js';

describe('conversation ids', () => {
  it('name the thread, the DM, or the person in a channel', () => {
    expect(threadConversation('T1', 'C1', '1.2')).toBe('slack:T1:C1:1.2');
    expect(directConversation('T1', 'D1')).toBe('slack:T1:D1');
    expect(personalConversation('T1', 'C1', 'U1')).toBe('slack:T1:C1:user:U1');
    expect(isDirectChannel('D1')).toBe(true);
    expect(isDirectChannel('C1')).toBe(false);
  });
});

describe('stripBotMention', () => {
  it("removes the bot's own mention wherever it is, with or without a label", () => {
    expect(stripBotMention('<@UBOT> who is Krasikov?', 'UBOT')).toBe('who is Krasikov?');
    expect(stripBotMention('who is <@UBOT|factdesk> Krasikov?', 'UBOT')).toBe('who is   Krasikov?');
  });

  it('keeps mentions of other people, and works without a known bot id', () => {
    expect(stripBotMention('<@UBOT> ask <@U123>', 'UBOT')).toBe('ask <@U123>');
    expect(stripBotMention('<@UBOT> hi', undefined)).toBe('<@UBOT> hi');
  });
});

describe('slackQuestion', () => {
  it('turns an empty question into help and leaves others alone', () => {
    expect(slackQuestion('  ', 'UBOT')).toEqual({ intent: 'help' });
    expect(slackQuestion('who?', 'UBOT')).toEqual({ text: 'who?' });
  });

  it('reads a bare mention of the bot, or of anyone, as help', () => {
    expect(slackQuestion('<@UBOT>', 'UBOT')).toEqual({ intent: 'help' });
    expect(slackQuestion(' <@UBOT|factdesk> ', 'UBOT')).toEqual({ intent: 'help' });
    expect(slackQuestion('<@U0OTHER> <!channel>', 'UBOT')).toEqual({ intent: 'help' });
  });

  it('removes mentions and broadcasts from a question, and nothing else', () => {
    expect(
      slackQuestion('<@UBOT> who is <@U123|bob> <!here> @channel Krasikov? <#C1|general>', 'UBOT'),
    ).toEqual({
      text: 'who is       Krasikov?',
    });
    expect(slackQuestion('<https://example.com|a link> *bold* a@here.com', 'UBOT')).toEqual({
      text: '<https://example.com|a link> *bold* a@here.com',
    });
  });
});

describe('card button values', () => {
  it('round-trip {pack, card}', () => {
    const value = encodeCardRef({ pack: 'p', card: 'c' });
    expect(value).toBe('{"pack":"p","card":"c"}');
    expect(decodeCardRef(value)).toEqual({ pack: 'p', card: 'c' });
  });

  it.each([
    undefined,
    '',
    'not json',
    'null',
    '[]',
    '{"pack":"p"}',
    '{"pack":1,"card":"c"}',
    '{"pack":"","card":"c"}',
  ])('refuse %j', (value) => {
    expect(decodeCardRef(value)).toBeUndefined();
  });

  it('refuse to encode past the 2,000-character limit', () => {
    expect(encodeCardRef({ pack: 'p', card: 'c'.repeat(2000) })).toBeUndefined();
  });
});

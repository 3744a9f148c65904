import { describe, expect, it } from 'vitest';
import { NOTHING_TO_RATE, readVote } from '../../../adapters/console/feedback.js';
import { createBot } from '../../../src/bot/bot.js';
import { FEEDBACK_THANKS } from '../../../src/bot/feedback.js';
import { withExchangeLog } from '../../../src/bot/logged-bot.js';
import type { LogEntry } from '../../../src/exchange-log/entries.js';
import { loadPacks } from '../../../src/knowledge/load-packs.js';
import { chat } from './support/chat.js';

const packs = loadPacks('knowledge');

async function logged(lines: string[]) {
  const entries: LogEntry[] = [];
  const bot = withExchangeLog(createBot(packs), { record: (e) => entries.push(e) }, { logQuestions: true });
  const text = await chat(bot, lines);
  return {
    text,
    exchanges: entries.flatMap((e) => (e.type === 'exchange' ? [e.entry] : [])),
    votes: entries.flatMap((e) => (e.type === 'vote' ? [e.entry] : [])),
  };
}

describe('console feedback', () => {
  it('reads + and - (with a reason after the -), and nothing else, as a vote', () => {
    expect(readVote(' + ')).toEqual({ vote: 'up' });
    expect(readVote('-')).toEqual({ vote: 'down' });
    expect(readVote('- the date is wrong')).toEqual({ vote: 'down', reason: 'the date is wrong' });
    for (const line of ['-5 degrees?', '+ or -', 'what is 1+1?', '--', ''])
      expect(readVote(line)).toBeUndefined();
  });

  it('rates the last answer, acknowledges without repeating it, and ties a numbered pick to its reply', async () => {
    const { text, exchanges, votes } = await logged([
      '+',
      'Who is Krasikov?',
      '+',
      '- not what I meant',
      'what is the capital of Australia?',
      '-',
      '1',
      '-',
    ]);
    const [answer, declined, picked] = exchanges;
    expect(exchanges.map((e) => e.kind)).toEqual(['answer', 'no-match', 'answer']);
    // A vote before any answer, or after a reply that is no answer, rates nothing.
    expect(text.split(NOTHING_TO_RATE)).toHaveLength(3);
    expect(text.split(FEEDBACK_THANKS)).toHaveLength(4);
    const card = packs.flatMap((p) => p.cards).find((c) => c.id === answer?.card);
    expect(text.split(card?.answer ?? '?')).toHaveLength(2);
    expect(votes.map((v) => [v.exchange, v.vote, v.reason])).toEqual([
      [answer?.id, 'up', null],
      [answer?.id, 'down', 'not what I meant'],
      [picked?.id, 'down', null],
    ]);
    expect(picked).toMatchObject({ via: 'card', pickedFrom: declined?.id });
  });
});

import { describe, expect, it } from 'vitest';
import { createBot } from '../../src/bot/bot.js';
import { FEEDBACK_THANKS, MAX_REASON_LENGTH } from '../../src/bot/feedback.js';
import { withExchangeLog } from '../../src/bot/logged-bot.js';
import type { LogEntry } from '../../src/exchange-log/entries.js';
import { loadPacks } from '../../src/knowledge/load-packs.js';

const packs = loadPacks('knowledge');

function logged(logQuestions = true) {
  const entries: LogEntry[] = [];
  const bot = withExchangeLog(createBot(packs), { record: (e) => entries.push(e) }, { logQuestions });
  const exchanges = () => entries.flatMap((e) => (e.type === 'exchange' ? [e.entry] : []));
  const votes = () => entries.flatMap((e) => (e.type === 'vote' ? [e.entry] : []));
  return { bot, exchanges, votes };
}
const asker = { user: 'U1', conversation: 'c1', platform: 'slack' };

describe('withExchangeLog', () => {
  it('logs every exchange with its outcome, and gives each reply its exchange id', async () => {
    const { bot, exchanges } = logged();
    const answered = await bot.ask({ ...asker, text: 'who is Krasikov?', shared: true });
    const declined = await bot.ask({ ...asker, text: 'what is the capital of Australia?' });
    const help = await bot.ask({ ...asker, intent: 'help' });
    const empty = await bot.ask({ ...asker, text: '   ' });
    expect(new Set([answered, declined, help, empty].map((r) => r.exchange)).size).toBe(4);
    if (answered.kind !== 'answer' || declined.kind !== 'no-match') throw new Error('precondition');
    expect(exchanges()).toEqual([
      expect.objectContaining({
        id: answered.exchange,
        via: 'text',
        kind: 'answer',
        pack: answered.card.pack,
        card: answered.card.card,
        confidence: answered.confidence,
        question: 'who is Krasikov?',
        shared: true,
        user: 'U1',
        platform: 'slack',
      }),
      expect.objectContaining({
        id: declined.exchange,
        kind: 'no-match',
        card: null,
        suggestions: declined.suggestions.map((s) => `${s.pack}/${s.card}`),
        shared: false,
      }),
      expect.objectContaining({ via: 'intent', kind: 'builtin', detail: 'help', question: null }),
      expect.objectContaining({ via: 'text', kind: 'invalid', detail: 'empty', question: null }),
    ]);
  });

  it('ties a pick to the reply it came from, and ignores a `from` that is no exchange id', async () => {
    const { bot, exchanges } = logged();
    const card = { pack: 'us-russia-prisoner-exchange', card: 'krasikov-who' };
    await bot.ask({ ...asker, intent: { ...card, from: 'AAAAAAAAAAAAAAAA' } });
    await bot.ask({ ...asker, intent: { ...card, from: "x'); drop table exchanges; --" } });
    expect(exchanges().map((e) => [e.via, e.card, e.pickedFrom])).toEqual([
      ['card', 'krasikov-who', 'AAAAAAAAAAAAAAAA'],
      ['card', 'krasikov-who', null],
    ]);
  });

  it('keeps no question text or reason with LOG_QUESTIONS=false, and a cut reason otherwise', async () => {
    const off = logged(false);
    const reply = await off.bot.ask({ ...asker, text: 'who is Krasikov?' });
    await off.bot.feedback({
      exchange: reply.exchange ?? '',
      ...asker,
      vote: 'down',
      reason: 'wrong person',
    });
    expect(off.exchanges()[0]?.question).toBeNull();
    expect(off.votes()[0]).toMatchObject({ vote: 'down', reason: null });

    const on = logged();
    const huge = `${'\u0007the answer is about someone else '.repeat(3000)}`;
    expect(huge.length).toBeGreaterThan(100_000);
    const receipt = await on.bot.feedback({
      exchange: 'AAAAAAAAAAAAAAAA',
      ...asker,
      vote: 'down',
      reason: huge,
    });
    expect(receipt).toEqual({ accepted: true, text: FEEDBACK_THANKS });
    const reason = on.votes()[0]?.reason ?? '';
    expect([...reason]).toHaveLength(MAX_REASON_LENGTH);
    expect(reason).not.toContain('\u0007');
    expect(reason.startsWith('the answer is about someone else')).toBe(true);
  });

  it('thanks for a vote it cannot read, and keeps nothing of it', async () => {
    const { bot, votes } = logged();
    for (const vote of [
      { exchange: 'short', user: 'U1', platform: 'slack', vote: 'up' as const },
      { exchange: 'AAAAAAAAAAAAAAAA', user: '', platform: 'slack', vote: 'up' as const },
      { exchange: 'AAAAAAAAAAAAAAAA', user: 'U1', platform: 'slack', vote: 'sideways' as 'up' },
    ]) {
      expect(await bot.feedback(vote)).toEqual({ accepted: false, text: FEEDBACK_THANKS });
    }
    expect(votes()).toEqual([]);
  });
});

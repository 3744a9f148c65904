import { describe, expect, it } from 'vitest';
import { unrecordedFeedback } from '../../src/bot/feedback.js';
import { withRateLimit } from '../../src/bot/limited-bot.js';
import type { Bot } from '../../src/bot/port.js';
import type { Query } from '../../src/bot/query.js';
import { inProcessRateLimiter } from '../../src/state/rate-limit.js';

describe('withRateLimit', () => {
  /** A stand-in core: the limit does not depend on how questions are answered. */
  const core: Bot = {
    ask: async (q) => ({
      kind: 'builtin',
      intent: 'help',
      text: `asked ${q.text}`,
      examples: [],
      topics: [],
      suggestions: [],
    }),
    complete: () => ['completed'],
    topics: () => [],
    feedback: unrecordedFeedback,
  };
  const query = (user: string, platform = 'slack'): Query => ({
    text: 'who is Krasikov?',
    user,
    conversation: `c-${user}`,
    platform,
  });

  it('answers until the burst is spent, then asks the user to wait, politely', async () => {
    const bot = withRateLimit(core, inProcessRateLimiter({ perMinute: 6, burst: 2 }));
    expect((await bot.ask(query('u'))).kind).toBe('builtin');
    expect((await bot.ask(query('u'))).kind).toBe('builtin');
    const refused = await bot.ask(query('u'));
    expect(refused).toMatchObject({ kind: 'invalid', reason: 'rate-limited' });
    // The window of 2 questions at 6 a minute is 20 s; the reply rounds the wait up to whole seconds.
    expect(refused.text).toMatch(/wait (19|20) seconds/);
    // Card picks spend tokens too; and other users are not affected.
    expect(await bot.ask({ ...query('u'), text: undefined, intent: { pack: 'p', card: 'c' } })).toMatchObject(
      {
        reason: 'rate-limited',
      },
    );
    expect((await bot.ask(query('v'))).kind).toBe('builtin');
  });

  it('keys users by platform, and leaves the console alone', async () => {
    const bot = withRateLimit(core, inProcessRateLimiter({ perMinute: 1, burst: 1 }), {
      exempt: ['console'],
    });
    expect((await bot.ask(query('u', 'slack'))).kind).toBe('builtin');
    expect((await bot.ask(query('u', 'discord'))).kind).toBe('builtin');
    for (let i = 0; i < 5; i++) expect((await bot.ask(query('u', 'console'))).kind).toBe('builtin');
    // Completions spend no token, even for a user who has none left.
    expect(bot.complete('who', 5)).toEqual(['completed']);
  });
});

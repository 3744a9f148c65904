import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { slackQuestion } from '../../adapters/slack/conversation.js';
import { guardInput, MAX_QUESTION_LENGTH } from '../../src/bot/guard.js';
import type { Asked } from '../../src/bot/query.js';

const textOf = (asked: Asked): string => asked.text ?? `(intent ${JSON.stringify(asked.intent)})`;

describe('guardInput', () => {
  it('refuses empty and blank text', () => {
    expect(guardInput('')).toEqual({ ok: false, reason: 'empty' });
    expect(guardInput(' \n\t\u0000\u200b ')).toEqual({ ok: false, reason: 'empty' });
  });

  it('refuses text over the limit instead of cutting it', () => {
    expect(guardInput('a'.repeat(MAX_QUESTION_LENGTH + 1))).toEqual({ ok: false, reason: 'too-long' });
    expect(guardInput('a'.repeat(MAX_QUESTION_LENGTH)).ok).toBe(true);
  });

  it('removes control and invisible characters and folds white space', () => {
    expect(guardInput('who\u0007 is\u200b\n\nKrasikov?\u001b[31m')).toEqual({
      ok: true,
      text: 'who is Krasikov? [31m',
    });
  });

  it('drops mentions and broadcasts, which name people, not facts', () => {
    // Each adapter removes its own platform's markup before the guard; Slack's syntax here.
    const slack = (raw: string) => guardInput(textOf(slackQuestion(raw, undefined)));
    expect(
      slack('<@U123ABC> who is <!channel> Krasikov? @everyone <#C42|general> <!subteam^S1> @here'),
    ).toEqual({
      ok: true,
      text: 'who is Krasikov?',
    });
    expect(slackQuestion('@everyone <!here>', undefined)).toEqual({ intent: 'help' });
    expect(slack('mail me at someone@here.com')).toMatchObject({
      ok: true,
      text: 'mail me at someone@here.com',
    });
  });

  it('knows no platform syntax itself', () => {
    expect(guardInput('<@U123ABC> who?')).toEqual({ ok: true, text: '<@U123ABC> who?' });
  });

  it('never leaves control characters in accepted text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300, unit: 'binary' }), (s) => {
        const g = guardInput(s);
        if (g.ok) expect(g.text).not.toMatch(/[\p{Cc}\p{Cf}]/u);
      }),
    );
  });
});

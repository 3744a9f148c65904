import { describe, expect, it } from 'vitest';
import { replyFields } from '../src/log.js';

describe('replyFields', () => {
  it('gives the kind, card and confidence of an answer, never its text', () => {
    const fields = replyFields({
      kind: 'answer',
      card: { pack: 'story', card: 'who', title: 'Who' },
      text: 'secret answer text',
      confidence: 0.5,
      citation: { sourceTitle: 'S', sentences: ['s'] },
      suggestions: [],
      related: [],
    });
    expect(fields).toEqual({ reply: 'answer', card: 'story/who', confidence: 0.5 });
    expect(JSON.stringify(fields)).not.toContain('secret answer text');
  });

  it('says why an input was refused', () => {
    expect(replyFields({ kind: 'invalid', reason: 'rate-limited', text: 'Slow down' })).toEqual({
      reply: 'invalid',
      card: null,
      confidence: null,
      reason: 'rate-limited',
    });
  });
});

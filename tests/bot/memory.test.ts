import { describe, expect, it } from 'vitest';
import { ConversationMemory } from '../../src/bot/memory.js';

describe('ConversationMemory', () => {
  it('keeps one entry per conversation, apart from the others', () => {
    const memory = new ConversationMemory();
    memory.set('a', { subject: 'p/x', card: 'p/x1' });
    memory.set('b', { subject: 'p/y', card: 'p/y1' });
    expect(memory.get('a')).toEqual({ subject: 'p/x', card: 'p/x1' });
    expect(memory.get('b')?.subject).toBe('p/y');
    expect(memory.get('c')).toBeUndefined();
  });

  it('forgets entries older than the time to live', () => {
    let now = 0;
    const memory = new ConversationMemory({ ttlMs: 1000, now: () => now });
    memory.set('a', { subject: 'p/x', card: 'p/x1' });
    now = 1000;
    expect(memory.get('a')).toBeDefined();
    now = 1001;
    expect(memory.get('a')).toBeUndefined();
  });

  it('holds at most maxConversations, dropping the least recently set', () => {
    const memory = new ConversationMemory({ maxConversations: 2 });
    memory.set('a', { subject: 's', card: 'c' });
    memory.set('b', { subject: 's', card: 'c' });
    memory.set('a', { subject: 's2', card: 'c' });
    memory.set('c', { subject: 's', card: 'c' });
    expect(memory.size).toBe(2);
    expect(memory.get('b')).toBeUndefined();
    expect(memory.get('a')?.subject).toBe('s2');
  });
});

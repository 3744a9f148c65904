import { describe, expect, it } from 'vitest';
import { inProcessConversations } from '../../src/state/conversations.js';

describe('inProcessConversations', () => {
  it('keeps one entry per conversation, apart from the others', async () => {
    const memory = inProcessConversations();
    await memory.set('a', { subject: 'p/x', card: 'p/x1' });
    await memory.set('b', { subject: 'p/y', card: 'p/y1' });
    expect(await memory.get('a')).toEqual({ subject: 'p/x', card: 'p/x1' });
    expect((await memory.get('b'))?.subject).toBe('p/y');
    expect(await memory.get('c')).toBeUndefined();
  });

  it('forgets entries older than the time to live', async () => {
    let now = 0;
    const memory = inProcessConversations({ ttlMs: 1000, now: () => now });
    await memory.set('a', { subject: 'p/x', card: 'p/x1' });
    now = 1000;
    expect(await memory.get('a')).toBeDefined();
    now = 1001;
    expect(await memory.get('a')).toBeUndefined();
  });

  it('holds at most maxConversations, dropping the least recently set', async () => {
    const memory = inProcessConversations({ maxConversations: 2 });
    await memory.set('a', { subject: 's', card: 'c' });
    await memory.set('b', { subject: 's', card: 'c' });
    await memory.set('a', { subject: 's2', card: 'c' });
    await memory.set('c', { subject: 's', card: 'c' });
    expect(memory.size).toBe(2);
    expect(await memory.get('b')).toBeUndefined();
    expect((await memory.get('a'))?.subject).toBe('s2');
  });
});

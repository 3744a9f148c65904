import { LRUCache } from 'lru-cache';
import { lruClock } from './lru-clock.js';

/**
 * What the bot remembers of a conversation: the subject last answered about, so that "what
 * was he sentenced to?" after "who is Okafor?" stays on Okafor. Keyed by
 * conversation, so nothing leaks between conversations.
 */
export interface Remembered {
  /** Subject key (`pack/subject`) of the last card answered. */
  subject: string;
  /** Card key (`pack/card`) of the last card answered. */
  card: string;
  /**
   * When it was remembered (ms since the epoch), stamped by a shared store, which keeps a local
   * copy as well and so has two to choose from: the later one wins.
   */
  at?: number;
}

/**
 * Where conversations are remembered. Asynchronous so that a store shared by several
 * instances (Redis) fits behind it; the core awaits it and never looks behind it. An
 * implementation forgets on its own (bounded in entries and in age): the core never deletes.
 */
export interface ConversationStore {
  get(conversation: string): Promise<Remembered | undefined>;
  set(conversation: string, value: Remembered): Promise<void>;
}

export interface InProcessConversationsOptions {
  maxConversations: number;
  /** Forgotten this long after it was last set. */
  ttlMs: number;
  /** Injected so that tests can move time. */
  now: () => number;
}

export const DEFAULT_CONVERSATIONS: Readonly<InProcessConversationsOptions> = Object.freeze({
  maxConversations: 10_000,
  ttlMs: 30 * 60 * 1000,
  now: () => Date.now(),
});

/** One process's conversations: an LRU cache with a time to live (the embedded default). */
export interface InProcessConversations extends ConversationStore {
  /** Conversations held, for tests. */
  readonly size: number;
}

export function inProcessConversations(
  options: Partial<InProcessConversationsOptions> = {},
): InProcessConversations {
  const { maxConversations, ttlMs, now } = { ...DEFAULT_CONVERSATIONS, ...options };
  const cache = new LRUCache<string, Remembered>({ max: maxConversations, ttl: ttlMs, ...lruClock(now) });
  return {
    get: async (conversation) => {
      const found = cache.get(conversation);
      return found && copy(found);
    },
    set: async (conversation, value) => {
      cache.set(conversation, copy(value));
    },
    get size() {
      return cache.size;
    },
  };
}

/** A copy with exactly the fields of {@link Remembered}: nothing else a caller passed is kept. */
function copy({ subject, card, at }: Remembered): Remembered {
  return at === undefined ? { subject, card } : { subject, card, at };
}

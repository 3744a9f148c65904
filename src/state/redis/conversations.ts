import type { ConversationStore, Remembered } from '../conversations.js';
import type { RedisKeys } from './keys.js';
import type { RedisLink } from './link.js';

export interface RedisConversationsOptions {
  /** Forgotten this long after it was last set (Redis expires the key: `PX`). */
  ttlMs: number;
  now: () => number;
}

/**
 * Conversation memory in Redis, shared by every instance: a follow-up read on another instance
 * than the question before it keeps its subject. One string key per conversation, a small JSON
 * object, set with the time to live on every write.
 *
 * Every write also goes to `local`, this instance's own store, which answers while Redis is
 * unreachable. Reads take the later of the two copies (by `at`): after an outage, a conversation
 * that went on here is read from here, although Redis still has its older state.
 */
export function redisConversations(
  link: RedisLink,
  keys: RedisKeys,
  local: ConversationStore,
  { ttlMs, now }: RedisConversationsOptions,
): ConversationStore {
  return {
    async get(conversation) {
      const here = await local.get(conversation);
      const shared = await link.attempt(
        async (redis) => parseRemembered(await redis.get(keys.conversation(conversation))),
        () => undefined,
      );
      return later(here, shared);
    },
    async set(conversation, value) {
      const stamped: Remembered = { subject: value.subject, card: value.card, at: now() };
      await local.set(conversation, stamped);
      await link.attempt(
        async (redis) => {
          await redis.set(keys.conversation(conversation), JSON.stringify(stamped), 'PX', ttlMs);
        },
        () => {},
      );
    },
  };
}

/** A stored value read back; anything else found under the key (a stray write) is ignored. */
export function parseRemembered(text: string | null): Remembered | undefined {
  if (text === null) return undefined;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== 'object' || value === null) return undefined;
    const { subject, card, at } = value as Record<string, unknown>;
    if (typeof subject !== 'string' || typeof card !== 'string') return undefined;
    return typeof at === 'number' ? { subject, card, at } : { subject, card };
  } catch {
    return undefined;
  }
}

/** The later of this instance's copy `a` and the shared one `b`; the shared one on a tie. */
function later(a: Remembered | undefined, b: Remembered | undefined): Remembered | undefined {
  if (!a || !b) return a ?? b;
  return (b.at ?? 0) >= (a.at ?? 0) ? b : a;
}

import { createHash } from 'node:crypto';

/**
 * The Redis keys of one Factdesk, all under `prefix` (`KEY_PREFIX`) so that several bots, or
 * tests, share a Redis without touching each other's keys. Conversation ids, user ids, event ids
 * and signatures are hashed, never stored as they are: conversation and rate-limit keys contain
 * user ids, which Factdesk stores only hashed.
 */
export interface RedisKeys {
  readonly prefix: string;
  /** `<prefix>conv:<hash>`: a conversation's memory, a JSON string with a TTL. */
  conversation(id: string): string;
  /** `<prefix>seen:<name>:<hash>`: a seen id of the set `name`, with the set's TTL. */
  seen(name: string, id: string): string;
  /** `<prefix>rate`: rate-limiter-flexible's key prefix; it adds `:<key>` (hashed by the caller). */
  readonly rateLimitPrefix: string;
}

export function redisKeys(prefix: string): RedisKeys {
  return {
    prefix,
    conversation: (id) => `${prefix}conv:${hashed(id)}`,
    seen: (name, id) => `${prefix}seen:${name}:${hashed(id)}`,
    rateLimitPrefix: `${prefix}rate`,
  };
}

/** 128 bits of SHA-256, base64url: 22 characters, short keys with no practical collision. */
export function hashed(id: string): string {
  return createHash('sha256').update(id).digest().subarray(0, 16).toString('base64url');
}

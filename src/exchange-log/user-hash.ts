import { createHmac } from 'node:crypto';

/**
 * A user as the log stores them: HMAC-SHA256 of platform and id under the operator's key,
 * shortened to 128 bits. The same user on the same platform always gets the same hash (one vote
 * per user, the asker's own answer), on every instance that has the same key; without the key,
 * a hash cannot be matched to a user id by trying ids.
 */
export function hashUser(key: string, platform: string, user: string): string {
  return createHmac('sha256', key).update(`${platform}\u0000${user}`).digest('base64url').slice(0, 22);
}

import type { SeenSet } from '../seen-set.js';
import type { RedisLink } from './link.js';

/**
 * A de-duplication set in Redis, shared by every instance: an id is recorded with
 * `SET key 1 NX PX ttl`, which is atomic, so of two instances receiving the same event or the
 * same signed request at once exactly one is told it is new. The key expires `ttlMs` after the
 * id was first seen, exactly: a later sighting never extends it (NX).
 *
 * `local`, this instance's own set, records every id too and is asked first: it catches what
 * this instance saw while Redis was unreachable, and spares Redis a round trip for a duplicate
 * this instance already knows. While Redis is unreachable, `local` alone decides.
 */
export function redisSeenSet(
  link: RedisLink,
  keyOf: (id: string) => string,
  local: SeenSet,
  ttlMs: number,
): SeenSet {
  return {
    async seen(id) {
      if (await local.seen(id)) return true;
      return link.attempt(
        async (redis) => (await redis.set(keyOf(id), '1', 'PX', ttlMs, 'NX')) === null,
        () => false,
      );
    },
  };
}

import { RateLimiterRedis } from 'rate-limiter-flexible';
import { admission, limiterWindow, type RateLimiter, type RateLimitOptions } from '../rate-limit.js';
import { hashed, type RedisKeys } from './keys.js';
import type { RedisLink } from './link.js';

/**
 * Rate limits in Redis, shared by every instance: rate-limiter-flexible's `RateLimiterRedis`
 * counts a user's questions of the window in one key, atomically (a Lua script), so a user's
 * limit holds whichever instance they reach. While Redis is unreachable, `local` (the in-process
 * limiter, same window) limits on this instance alone.
 */
export function redisRateLimiter(
  link: RedisLink,
  keys: RedisKeys,
  limits: RateLimitOptions,
  local: RateLimiter,
): RateLimiter {
  if (limits.perMinute <= 0) return local;
  let shared: RateLimiterRedis | undefined;
  return {
    take: (key) =>
      link.attempt(
        (redis) => {
          // Made on first use: the client exists once the link has connected.
          shared ??= new RateLimiterRedis({
            storeClient: redis,
            keyPrefix: keys.rateLimitPrefix,
            ...limiterWindow(limits),
            // Fail at once rather than try a connection that is not ready.
            rejectIfRedisNotReady: true,
          });
          return admission(shared.consume(hashed(key)));
        },
        () => local.take(key),
      ),
  };
}

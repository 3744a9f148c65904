import type { CoreConfig } from '../config.js';
import type { Logger } from '../log.js';
import { type ConversationStore, DEFAULT_CONVERSATIONS, inProcessConversations } from './conversations.js';
import { inProcessRateLimiter, type RateLimiter } from './rate-limit.js';
import { redisConversations } from './redis/conversations.js';
import { redisKeys } from './redis/keys.js';
import { CONNECT_TIMEOUT_MS, redisEndpoint } from './redis/limits.js';
import { createRedisLink, type SharedStateStatus } from './redis/link.js';
import { redisRateLimiter } from './redis/rate-limit.js';
import { redisSeenSet } from './redis/seen-set.js';
import { DEFAULT_SEEN_TTL_MS, inProcessSeenSet, type SeenSet, type SeenSetOptions } from './seen-set.js';

/** Where the state lives, for `/readyz`. */
export type StateStatus = { store: 'in-process' } | SharedStateStatus;

/**
 * All state a running Factdesk keeps between two questions. Everything else is rebuilt from the
 * knowledge files, so this is all that several instances behind one load balancer share.
 */
export interface StateStores {
  /** Follow-up memory; outlives knowledge reloads. */
  conversations: ConversationStore;
  /** Per-user question rate. */
  limiter: RateLimiter;
  /** A de-duplication set; `name` keeps sets of different purposes apart. */
  seenSet(name: string, options?: SeenSetOptions): SeenSet;
  status(): StateStatus;
  /**
   * Connects, if there is anything to connect to, waiting a bounded time: an instance whose
   * Redis is unreachable starts on its own state and shares once Redis answers. Never rejects.
   */
  start(): Promise<void>;
  /** Releases connections, if any; called after the adapters have stopped. */
  close(): Promise<void>;
}

export type StateConfig = Pick<
  CoreConfig,
  'RATE_LIMIT_PER_MINUTE' | 'RATE_LIMIT_BURST' | 'REDIS_URL' | 'KEY_PREFIX' | 'REDIS_TIMEOUT_MS'
>;

export interface StateOptions {
  logger: Logger;
  now?: () => number;
  /**
   * False keeps every store in-process even when `REDIS_URL` is set: for one-shot tools and the
   * terminal chat, whose state no other process needs.
   */
  shared?: boolean;
}

/**
 * The one place where the implementations are chosen from the settings: in-process stores
 * (bounded, lost on restart) by default, Redis stores shared by every instance when `REDIS_URL`
 * is set. The Redis stores keep in-process ones beside them, which answer while Redis is away.
 */
export function createStateStores(config: StateConfig, options: StateOptions): StateStores {
  const now = options.now ?? Date.now;
  const limits = { perMinute: config.RATE_LIMIT_PER_MINUTE, burst: config.RATE_LIMIT_BURST };
  const conversations = inProcessConversations({ now });
  const limiter = inProcessRateLimiter(limits);
  const localSeenSet = (setOptions?: SeenSetOptions) => inProcessSeenSet({ now, ...setOptions });
  const url = options.shared === false ? undefined : config.REDIS_URL;
  if (url === undefined) {
    return {
      conversations,
      limiter,
      seenSet: (_name, setOptions) => localSeenSet(setOptions),
      status: () => ({ store: 'in-process' }),
      start: async () => {},
      close: async () => {},
    };
  }

  const logger = options.logger.child({ component: 'state' });
  const keys = redisKeys(config.KEY_PREFIX);
  const open = async () =>
    (await import('./redis/client.js')).createRedisClient(url, config.REDIS_TIMEOUT_MS);
  const link = createRedisLink(open, { logger, keyPrefix: config.KEY_PREFIX, now });
  return {
    conversations: redisConversations(link, keys, conversations, { ttlMs: DEFAULT_CONVERSATIONS.ttlMs, now }),
    limiter: redisRateLimiter(link, keys, limits, limiter),
    seenSet: (name, setOptions) =>
      redisSeenSet(
        link,
        (id) => keys.seen(name, id),
        localSeenSet(setOptions),
        setOptions?.ttlMs ?? DEFAULT_SEEN_TTL_MS,
      ),
    status: link.status,
    async start() {
      logger.info({ redis: redisEndpoint(url), keyPrefix: keys.prefix }, 'shared state: redis');
      await link.connect(CONNECT_TIMEOUT_MS);
    },
    close: () => link.close(),
  };
}

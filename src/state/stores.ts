import type { CoreConfig } from '../config.js';
import { type ConversationStore, inProcessConversations } from './conversations.js';
import { inProcessRateLimiter, type RateLimiter } from './rate-limit.js';
import { inProcessSeenSet, type SeenSet, type SeenSetOptions } from './seen-set.js';

/**
 * All state a running Factdesk keeps between two questions. Everything else is rebuilt from the
 * knowledge files, so this is all that several instances behind one load balancer would share.
 */
export interface StateStores {
  /** Follow-up memory; outlives knowledge reloads. */
  conversations: ConversationStore;
  /** Per-user question rate. */
  limiter: RateLimiter;
  /** A de-duplication set; `name` keeps sets of different purposes apart. */
  seenSet(name: string, options?: SeenSetOptions): SeenSet;
  /** Releases connections, if any; called after the adapters have stopped. */
  close(): Promise<void>;
}

export type StateConfig = Pick<CoreConfig, 'RATE_LIMIT_PER_MINUTE' | 'RATE_LIMIT_BURST'>;

/**
 * The one place where the implementations are chosen from the settings. Today every store is
 * in-process (bounded, lost on restart); a shared implementation (Redis) plugs in here.
 */
export function createStateStores(config: StateConfig, now: () => number = Date.now): StateStores {
  return {
    conversations: inProcessConversations({ now }),
    limiter: inProcessRateLimiter({
      perMinute: config.RATE_LIMIT_PER_MINUTE,
      burst: config.RATE_LIMIT_BURST,
    }),
    seenSet: (_name, options) => inProcessSeenSet({ now, ...options }),
    close: async () => {},
  };
}

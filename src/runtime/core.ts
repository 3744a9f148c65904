import { type Bot, createBot } from '../bot/bot.js';
import { withRateLimit } from '../bot/limited-bot.js';
import { ConversationMemory } from '../bot/memory.js';
import { parsePackScope, unknownScopedPacks } from '../bot/pack-scope.js';
import { createRateLimiter } from '../bot/rate-limit.js';
import type { Config } from '../config.js';
import { ConfigError } from '../errors.js';
import { loadVersionedPacks } from '../knowledge/load-packs.js';
import type { Pack } from '../knowledge/types.js';
import type { Logger } from '../log.js';
import { createBotHolder } from './bot-holder.js';
import { createHealth, type Health } from './health.js';
import { createKnowledgeReloader, type KnowledgeReloader } from './knowledge-reloader.js';
import type { Service } from './lifecycle.js';

export type CoreConfig = Pick<
  Config,
  | 'KNOWLEDGE_DIR'
  | 'KNOWLEDGE_WATCH'
  | 'PACKS_BY_CONVERSATION'
  | 'MAX_QUESTION_LENGTH'
  | 'RATE_LIMIT_PER_MINUTE'
  | 'RATE_LIMIT_BURST'
>;

/** The platform-independent half of a running Factdesk; adapters are added by the entry point. */
export interface Core {
  /** What adapters get: rate-limited, and answering from the latest good knowledge. */
  bot: Bot;
  health: Health;
  reloader: KnowledgeReloader;
  /** Started before the adapters, stopped after them. */
  services: Service[];
}

export interface CoreOptions {
  now?: () => number;
  /** Today as YYYY-MM-DD, for card review dates. */
  today?: () => string;
  /** Debounce of the knowledge watcher; tests shorten it. */
  reloadDebounceMs?: number;
}

/**
 * Loads the knowledge (throwing on a broken pack: a bad start is reported, not papered over)
 * and assembles the core: bot, reload, rate limit and health. Memory and rate-limit buckets live
 * outside the reloadable bot, so a reload forgets neither conversations nor who asked too often.
 */
export function createCore(config: CoreConfig, logger: Logger, options: CoreOptions = {}): Core {
  const now = options.now ?? Date.now;
  const today = options.today ?? (() => new Date(now()).toISOString().slice(0, 10));
  const conversations = new ConversationMemory({ now });
  const packsFor = parsePackScope(config.PACKS_BY_CONVERSATION);
  const build = (packs: readonly Pack[]) =>
    createBot(packs, {
      today,
      packsFor,
      maxQuestionLength: config.MAX_QUESTION_LENGTH,
      conversations,
    });

  const loaded = loadVersionedPacks(config.KNOWLEDGE_DIR);
  const unknown = unknownScopedPacks(
    config.PACKS_BY_CONVERSATION,
    loaded.map((p) => p.pack.id),
  );
  if (unknown.length > 0) {
    throw new ConfigError(
      'PACKS_BY_CONVERSATION',
      `no pack has the id ${unknown.map((id) => `"${id}"`).join(', ')}`,
    );
  }
  const holder = createBotHolder(build(loaded.map((p) => p.pack)));
  const health = createHealth(now);
  health.knowledgeLoaded(loaded);
  logger.info(
    { packs: loaded.map((p) => ({ id: p.pack.id, version: p.version, cards: p.pack.cards.length })) },
    'knowledge loaded',
  );
  const reloader = createKnowledgeReloader({
    dir: config.KNOWLEDGE_DIR,
    holder,
    build,
    loaded,
    health,
    logger,
    ...(options.reloadDebounceMs !== undefined ? { debounceMs: options.reloadDebounceMs } : {}),
  });
  const limiter = createRateLimiter({
    perMinute: config.RATE_LIMIT_PER_MINUTE,
    burst: config.RATE_LIMIT_BURST,
    now,
  });
  return {
    bot: withRateLimit(holder, limiter, { exempt: ['console'] }),
    health,
    reloader,
    services: config.KNOWLEDGE_WATCH ? [reloader.watcher] : [],
  };
}

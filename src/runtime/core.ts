import { createBot } from '../bot/bot.js';
import { withRateLimit } from '../bot/limited-bot.js';
import { withExchangeLog } from '../bot/logged-bot.js';
import { parsePackScope, unknownScopedPacks } from '../bot/pack-scope.js';
import type { Bot } from '../bot/port.js';
import type { CoreConfig } from '../config.js';
import { ConfigError } from '../errors.js';
import { createExchangeLog, type ExchangeLogOptions } from '../exchange-log/exchange-log.js';
import type { ExchangeWriter } from '../exchange-log/writer.js';
import { loadVersionedPacks } from '../knowledge/load-packs.js';
import type { Pack } from '../knowledge/types.js';
import type { Logger } from '../log.js';
import { createStateStores, type StateStores } from '../state/stores.js';
import { createBotHolder } from './bot-holder.js';
import { createHealth, type Health } from './health.js';
import { createKnowledgeReloader, type KnowledgeReloader } from './knowledge-reloader.js';
import type { Service } from './lifecycle.js';

/** The platform-independent half of a running Factdesk; adapters are added by the entry point. */
export interface Core {
  /** What adapters get: rate-limited, and answering from the latest good knowledge. */
  bot: Bot;
  health: Health;
  reloader: KnowledgeReloader;
  /** Conversation memory, rate limits and de-duplication sets, in-process or shared. */
  stores: StateStores;
  /** Started before the adapters, stopped after them. */
  services: Service[];
  /** The exchange log, when one is kept (`LOG_EXCHANGES`). */
  exchangeLog?: ExchangeWriter;
}

export interface CoreOptions {
  now?: () => number;
  /** Today as YYYY-MM-DD, for card review dates. */
  today?: () => string;
  /** Debounce of the knowledge watcher; tests shorten it. */
  reloadDebounceMs?: number;
  /** How often the knowledge watcher compares the folder with what it was; tests shorten it. */
  folderCheckMs?: number;
  /** Platforms whose users are not rate limited, by name (see `Platform.rateLimited`). */
  unlimited?: readonly string[];
  /** False keeps state in-process even with `REDIS_URL` set (one-shot tools, the terminal chat). */
  sharedState?: boolean;
  /** Keep the exchange log; `LOG_EXCHANGES` by default. `ask` keeps none: it is a tool, not a user. */
  logExchanges?: boolean;
  exchangeLog?: ExchangeLogOptions;
}

/**
 * Loads the knowledge (throwing on a broken pack: a bad start is reported, not papered over)
 * and assembles the core: stores, bot, reload, rate limit and health. The stores live outside
 * the reloadable bot, so a reload forgets neither conversations nor who asked too often.
 */
export function createCore(config: CoreConfig, logger: Logger, options: CoreOptions = {}): Core {
  const now = options.now ?? Date.now;
  const today = options.today ?? (() => new Date(now()).toISOString().slice(0, 10));
  const stores = createStateStores(config, {
    now,
    logger,
    ...(options.sharedState !== undefined ? { shared: options.sharedState } : {}),
  });
  const packsFor = parsePackScope(config.PACKS_BY_CONVERSATION);
  const build = (packs: readonly Pack[]) =>
    createBot(packs, {
      today,
      packsFor,
      maxQuestionLength: config.MAX_QUESTION_LENGTH,
      conversations: stores.conversations,
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
  health.stateStore(stores.status);
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
    ...(options.folderCheckMs !== undefined ? { checkMs: options.folderCheckMs } : {}),
  });
  // Started first (connecting to Redis, a bounded wait), stopped last (services stop in reverse
  // order), once no adapter can ask any more.
  const state: Service = { name: 'state', start: () => stores.start(), stop: () => stores.close() };
  const limited = withRateLimit(holder, stores.limiter, { exempt: options.unlimited ?? [] });
  // Stopped after the adapters, so that the exchanges of the last replies are written.
  const exchangeLog =
    (options.logExchanges ?? config.LOG_EXCHANGES)
      ? createExchangeLog(config, logger, options.exchangeLog)
      : undefined;
  return {
    bot: exchangeLog
      ? withExchangeLog(limited, exchangeLog, { logQuestions: config.LOG_QUESTIONS, now })
      : limited,
    health,
    reloader,
    stores,
    services: [
      state,
      // Its stop takes a time limit of its own (writing what waits), not the adapters' give-up signal.
      ...(exchangeLog
        ? [{ name: exchangeLog.name, start: () => exchangeLog.start(), stop: () => exchangeLog.stop() }]
        : []),
      ...(config.KNOWLEDGE_WATCH ? [reloader.watcher] : []),
    ],
    ...(exchangeLog ? { exchangeLog } : {}),
  };
}

import type { CoreConfig } from '../config.js';
import type { Logger } from '../log.js';
import { lazyExchangeStore } from './lazy-store.js';
import { type LogTarget, logTarget } from './target.js';
import { createExchangeWriter, type ExchangeWriter, type WriterOptions } from './writer.js';

export type ExchangeLogConfig = Pick<
  CoreConfig,
  'DATA_DIR' | 'DATABASE_URL' | 'DATABASE_SCHEMA' | 'LOG_HASH_KEY' | 'LOG_RETENTION_DAYS'
>;

export interface ExchangeLogOptions {
  /** Instead of the one the settings name; tests pass pragmas or a proxied URL this way. */
  target?: LogTarget;
  writer?: Partial<Omit<WriterOptions, 'store' | 'logger'>>;
}

/**
 * The exchange log the settings ask for: PostgreSQL when `DATABASE_URL` is set, else SQLite under
 * `DATA_DIR`, behind the batching writer. Nothing is opened until the writer starts.
 */
export function createExchangeLog(
  config: ExchangeLogConfig,
  logger: Logger,
  options: ExchangeLogOptions = {},
): ExchangeWriter {
  const target = options.target ?? logTarget(config);
  const store = lazyExchangeStore(target, {
    ...(config.LOG_HASH_KEY ? { hashKey: config.LOG_HASH_KEY } : {}),
    // Idle connections breaking (the server restarting) are retried by the pool; writes that
    // fail meanwhile are reported by the writer, once.
    onPoolError: (error) => logger.debug({ err: error.message }, 'exchange log connection lost'),
  });
  logger.info(
    {
      store: store.description,
      userHashKey: config.LOG_HASH_KEY
        ? 'LOG_HASH_KEY'
        : 'kept in the log (set LOG_HASH_KEY to keep it apart)',
    },
    'exchange log',
  );
  return createExchangeWriter({ store, logger, retentionDays: config.LOG_RETENTION_DAYS, ...options.writer });
}

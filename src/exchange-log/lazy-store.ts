import type { ExchangeStore, StoreOptions } from './store.js';
import { describeTarget, type LogTarget } from './target.js';

/**
 * The store, its database drivers and query builder loaded on first use rather than at start-up:
 * they take a few hundred milliseconds to load on a busy machine, which a process that never
 * writes the log (`ask`, a failed start) should not pay.
 */
export function lazyExchangeStore(target: LogTarget, options: StoreOptions = {}): ExchangeStore {
  let loaded: Promise<ExchangeStore> | undefined;
  let store: ExchangeStore | undefined;
  const load = () => {
    loaded ??= import('./store.js').then(({ createExchangeStore }) => {
      store = createExchangeStore(target, options);
      return store;
    });
    return loaded;
  };
  return {
    description: describeTarget(target),
    prepare: async () => {
      const [, { loadDriver }] = await Promise.all([load(), import('./database.js')]);
      await loadDriver(target.kind);
    },
    open: async () => (await load()).open(),
    write: async (entries) => (await load()).write(entries),
    forgetTextBefore: async (before) => (await load()).forgetTextBefore(before),
    database() {
      if (!store) throw new Error('the exchange log is not open');
      return store.database();
    },
    close: async () => {
      if (loaded) await (await loaded).close();
    },
  };
}

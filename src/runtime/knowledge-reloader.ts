import { type FSWatcher, watch } from 'node:fs';
import type { Bot } from '../bot/port.js';
import { FactdeskError, KnowledgeError } from '../errors.js';
import { loadVersionedPacks, type VersionedPack } from '../knowledge/load-packs.js';
import type { Pack } from '../knowledge/types.js';
import type { Logger } from '../log.js';
import type { BotHolder } from './bot-holder.js';
import type { Health } from './health.js';

/** Editors save in several writes (temp file, rename, chmod): one reload per burst of events. */
export const RELOAD_DEBOUNCE_MS = 300;

export interface KnowledgeReloaderOptions {
  dir: string;
  holder: BotHolder;
  /** Builds the bot for freshly loaded packs, with the same options as at start-up. */
  build: (packs: readonly Pack[]) => Bot;
  /** What the holder's bot was built from, to tell a real change from a touched file. */
  loaded: readonly VersionedPack[];
  health: Health;
  logger: Logger;
  load?: (dir: string) => VersionedPack[];
  debounceMs?: number;
}

export interface KnowledgeReloader {
  /**
   * Loads the knowledge again and swaps it in if it changed. A broken edit keeps the last good
   * packs answering and is logged with its file and line. Never throws.
   */
  reload(): 'reloaded' | 'unchanged' | 'failed';
  /** Watches the knowledge directory and reloads on change; for the lifecycle to start and stop. */
  readonly watcher: { name: string; start(): Promise<void>; stop(): Promise<void> };
}

export function createKnowledgeReloader(options: KnowledgeReloaderOptions): KnowledgeReloader {
  const { dir, holder, build, health } = options;
  const load = options.load ?? loadVersionedPacks;
  const logger = options.logger.child({ component: 'knowledge' });
  const debounceMs = options.debounceMs ?? RELOAD_DEBOUNCE_MS;
  let current = fingerprint(options.loaded);

  const reload = (): 'reloaded' | 'unchanged' | 'failed' => {
    const startedAt = performance.now();
    try {
      const loaded = load(dir);
      if (fingerprint(loaded) === current) return 'unchanged';
      // Built in full before the swap: until it succeeds the old bot keeps answering.
      const bot = build(loaded.map((p) => p.pack));
      holder.swap(bot);
      current = fingerprint(loaded);
      health.knowledgeLoaded(loaded);
      logger.info(
        {
          packs: loaded.map((p) => ({ id: p.pack.id, version: p.version, cards: p.pack.cards.length })),
          ms: Math.round(performance.now() - startedAt),
        },
        'knowledge reloaded',
      );
      return 'reloaded';
    } catch (error) {
      health.knowledgeReloadFailed();
      logger.error(
        {
          err: error instanceof Error ? error.message : String(error),
          ...(error instanceof KnowledgeError
            ? { file: error.location.file, line: error.location.line, field: error.location.field }
            : {}),
          ...(error instanceof FactdeskError ? { code: error.code } : {}),
        },
        'knowledge reload failed; still answering from the last good packs',
      );
      return 'failed';
    }
  };

  let fsWatcher: FSWatcher | undefined;
  let timer: NodeJS.Timeout | undefined;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      reload();
    }, debounceMs);
  };

  return {
    reload,
    watcher: {
      name: 'knowledge-watcher',
      async start() {
        fsWatcher = watch(dir, { recursive: true }, schedule);
        // E.g. the directory was removed: keep answering from memory, say so once.
        fsWatcher.on('error', (error) => {
          logger.error({ err: error.message }, 'knowledge watch failed; edits are no longer picked up');
          fsWatcher?.close();
          fsWatcher = undefined;
        });
        logger.debug({ dir }, 'watching knowledge');
      },
      async stop() {
        clearTimeout(timer);
        timer = undefined;
        fsWatcher?.close();
        fsWatcher = undefined;
      },
    },
  };
}

function fingerprint(loaded: readonly VersionedPack[]): string {
  return loaded.map((p) => `${p.file}@${p.version}`).join('\n');
}

import { type FSWatcher, watch } from 'node:fs';
import type { Bot } from '../bot/port.js';
import { FactdeskError, KnowledgeError } from '../errors.js';
import { loadVersionedPacks, type VersionedPack } from '../knowledge/load-packs.js';
import type { Pack } from '../knowledge/types.js';
import type { Logger } from '../log.js';
import type { BotHolder } from './bot-holder.js';
import { folderSignature } from './folder-signature.js';
import type { Health } from './health.js';

/** Editors save in several writes (temp file, rename, chmod): one reload per burst of events. */
export const RELOAD_DEBOUNCE_MS = 300;
/**
 * How often the folder is compared with what it was ({@link folderSignature}): the longest a
 * replaced folder (removed and recreated, renamed into place, a swapped symlink), which file
 * events do not report, goes unnoticed.
 */
export const FOLDER_CHECK_MS = 1000;

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
  checkMs?: number;
}

export interface KnowledgeReloader {
  /**
   * Loads the knowledge again and swaps it in if it changed. A broken edit keeps the last good
   * packs answering and is logged with its file and line; a pack that is gone (its folder or its
   * pack.yaml) is logged at warn and shown on `/readyz`. Never throws.
   */
  reload(): 'reloaded' | 'unchanged' | 'failed';
  /**
   * Watches the knowledge folder and reloads on change; for the lifecycle to start and stop.
   * File events give a prompt reload; a check of the folder every {@link FOLDER_CHECK_MS} catches
   * what they miss, above all a folder replaced by another, and then watches the new one.
   */
  readonly watcher: { name: string; start(): Promise<void>; stop(): Promise<void> };
}

export function createKnowledgeReloader(options: KnowledgeReloaderOptions): KnowledgeReloader {
  const { dir, holder, build, health } = options;
  const load = options.load ?? loadVersionedPacks;
  const logger = options.logger.child({ component: 'knowledge' });
  const debounceMs = options.debounceMs ?? RELOAD_DEBOUNCE_MS;
  const checkMs = options.checkMs ?? FOLDER_CHECK_MS;
  let served = options.loaded;
  let failing = false;

  const reload = (): 'reloaded' | 'unchanged' | 'failed' => {
    const startedAt = performance.now();
    try {
      const loaded = load(dir);
      if (fingerprint(loaded) === fingerprint(served)) {
        health.knowledgeUnchanged();
        if (failing) logger.info('knowledge files are back to the packs being served');
        failing = false;
        return 'unchanged';
      }
      // Built in full before the swap: until it succeeds the old bot keeps answering.
      const bot = build(loaded.map((p) => p.pack));
      holder.swap(bot);
      const dropped = droppedPacks(served, loaded);
      served = loaded;
      failing = false;
      health.knowledgeLoaded(loaded);
      if (dropped.length > 0) {
        logger.warn(
          { dropped: dropped.map((p) => ({ id: p.pack.id, version: p.version, file: p.file })) },
          'knowledge reload dropped whole packs: their cards no longer answer',
        );
      }
      logger.info(
        {
          packs: loaded.map((p) => ({ id: p.pack.id, version: p.version, cards: p.pack.cards.length })),
          ms: Math.round(performance.now() - startedAt),
        },
        'knowledge reloaded',
      );
      return 'reloaded';
    } catch (error) {
      failing = true;
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
  let checker: NodeJS.Timeout | undefined;
  let seen: string | undefined;
  let eventSinceCheck = false;
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      reload();
    }, debounceMs);
  };

  const unwatch = () => {
    fsWatcher?.close();
    fsWatcher = undefined;
  };
  /** Watches whatever folder `dir` names now (a symlink is followed once, here). */
  const rewatch = () => {
    unwatch();
    try {
      fsWatcher = watch(dir, { recursive: true }, () => {
        eventSinceCheck = true;
        schedule();
      });
    } catch {
      return; // No folder at the moment: the next check that finds one watches it.
    }
    // E.g. the folder was removed: the checks carry on and watch the next one.
    fsWatcher.on('error', (error) => {
      logger.debug({ err: error.message }, 'knowledge watch ended');
      unwatch();
    });
  };
  /**
   * A change that no file event reported means the watch is on a folder that is no longer `dir`
   * (or has gone deaf): watch again, and reload.
   */
  const check = () => {
    const now = folderSignature(dir); // never throws: it runs on a timer
    if (now !== seen) {
      seen = now;
      if (!eventSinceCheck || fsWatcher === undefined) rewatch();
      schedule();
    }
    eventSinceCheck = false;
  };

  return {
    reload,
    watcher: {
      name: 'knowledge-watcher',
      async start() {
        seen = folderSignature(dir);
        rewatch();
        checker = setInterval(check, checkMs);
        checker.unref();
        logger.debug({ dir, checkMs }, 'watching knowledge');
      },
      async stop() {
        clearTimeout(timer);
        clearInterval(checker);
        timer = undefined;
        checker = undefined;
        unwatch();
      },
    },
  };
}

function fingerprint(loaded: readonly VersionedPack[]): string {
  return loaded.map((p) => `${p.file}@${p.version}`).join('\n');
}

/** Packs served before and absent now, by id: a pack whose folder or pack.yaml is gone. */
function droppedPacks(before: readonly VersionedPack[], after: readonly VersionedPack[]): VersionedPack[] {
  const ids = new Set(after.map((p) => p.pack.id));
  return before.filter((p) => !ids.has(p.pack.id));
}

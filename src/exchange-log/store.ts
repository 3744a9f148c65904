import { randomBytes } from 'node:crypto';
import { type Kysely, sql, type Transaction } from 'kysely';
import { LRUCache } from 'lru-cache';
import { type OpenedDatabase, type OpenOptions, openDatabase } from './database.js';
import type { ExchangeEntry, LogEntry, VoteEntry } from './entries.js';
import type { ExchangesTable, LogDatabase } from './schema.js';
import { describeTarget, type LogTarget } from './target.js';
import { hashUser } from './user-hash.js';

/**
 * Where exchanges are written: one implementation over Kysely for SQLite and PostgreSQL alike.
 * The writer (`writer.ts`) calls it in batches, off the answering path.
 */
export interface ExchangeStore {
  /** Which store, for logs and reports (never a URL). */
  readonly description: string;
  /**
   * Loads the drivers and query builder without connecting: a few hundred milliseconds of CPU,
   * better spent at start-up than under the first questions' load. Optional; `open` loads too.
   */
  prepare?(): Promise<void>;
  /** Connects and migrates; resolves at once when open. After a failure it tries afresh. */
  open(): Promise<void>;
  /** Writes a batch in one transaction: all of it, or (on failure) none of it. */
  write(entries: readonly LogEntry[]): Promise<void>;
  /** Deletes question text and feedback reasons older than `before`; counts stay. */
  forgetTextBefore(before: Date): Promise<number>;
  /** The open database, for the review tool's reads; throws when not open. */
  database(): Kysely<LogDatabase>;
  close(): Promise<void>;
}

export interface StoreOptions extends OpenOptions {
  /** `LOG_HASH_KEY`; when absent, a random key kept in the database itself. */
  hashKey?: string;
}

const HASH_KEY_NAME = 'user_hash_key';
/** Most rows per INSERT: well under SQLite's and PostgreSQL's limits on bound values. */
const ROWS_PER_INSERT = 64;

/**
 * Rows in chunks of 64, then 32, 16, … 1 for the rest: whatever the batch, its INSERTs take one
 * of seven shapes, so that a driver that caches prepared statements by their text reuses them.
 */
function* fixedSizeChunks<T>(rows: readonly T[]): Generator<T[]> {
  let at = 0;
  for (let size = ROWS_PER_INSERT; size >= 1; size = Math.floor(size / 2)) {
    while (rows.length - at >= size && (size === ROWS_PER_INSERT || rows.length - at < size * 2)) {
      yield rows.slice(at, at + size);
      at += size;
    }
  }
}

export function createExchangeStore(target: LogTarget, options: StoreOptions = {}): ExchangeStore {
  let opened: OpenedDatabase | undefined;
  let key: string | undefined;
  let opening: Promise<void> | undefined;
  // Users ask again and again; their hash is computed once while they are active.
  const hashes = new LRUCache<string, string>({ max: 10_000 });

  const database = (): Kysely<LogDatabase> => {
    if (!opened) throw new Error('the exchange log is not open');
    return opened.db;
  };
  const hash = (platform: string, user: string) => {
    const id = `${platform}\u0000${user}`;
    let hashed = hashes.get(id);
    if (hashed === undefined) {
      hashed = hashUser(key as string, platform, user);
      hashes.set(id, hashed);
    }
    return hashed;
  };

  return {
    description: describeTarget(target),
    open() {
      if (opened) return Promise.resolve();
      opening ??= (async () => {
        const candidate = await openDatabase(target, options);
        try {
          key = options.hashKey ?? (options.readonly ? undefined : await storedKey(candidate.db));
          hashes.clear();
          opened = candidate;
        } catch (error) {
          await candidate.close().catch(() => {});
          throw error;
        }
      })().finally(() => {
        opening = undefined;
      });
      return opening;
    },
    async write(entries) {
      const db = database();
      if (key === undefined) throw new Error('the exchange log is open for reading only');
      const exchanges = entries.flatMap((e) => (e.type === 'exchange' ? [exchangeRow(e.entry, hash)] : []));
      const votes = entries.flatMap((e) => (e.type === 'vote' ? [e.entry] : []));
      await db.transaction().execute(async (trx) => {
        for (const rows of fixedSizeChunks(exchanges)) {
          await trx
            .insertInto('exchanges')
            .values(rows)
            .onConflict((oc) => oc.column('id').doNothing())
            .execute();
        }
        // After the exchanges: a vote on an answer of the same batch finds it.
        for (const vote of votes) await writeVote(trx, vote, hash(vote.platform, vote.user));
      });
    },
    async forgetTextBefore(before) {
      const db = database();
      const at = before.toISOString();
      const questions = await db
        .updateTable('exchanges')
        .set({ question: null })
        .where('at', '<', at)
        .where('question', 'is not', null)
        .executeTakeFirst();
      const reasons = await db
        .updateTable('feedback')
        .set({ reason: null })
        .where('at', '<', at)
        .where('reason', 'is not', null)
        .executeTakeFirst();
      return Number(questions.numUpdatedRows) + Number(reasons.numUpdatedRows);
    },
    database,
    async close() {
      await opening?.catch(() => {});
      const closing = opened;
      opened = undefined;
      await closing?.close();
    },
  };
}

function exchangeRow(e: ExchangeEntry, hash: (platform: string, user: string) => string): ExchangesTable {
  return {
    id: e.id,
    at: new Date(e.at).toISOString(),
    platform: e.platform,
    user_hash: hash(e.platform, e.user),
    shared: e.shared ? 1 : 0,
    via: e.via,
    question: e.question,
    kind: e.kind,
    detail: e.detail,
    pack: e.pack,
    card: e.card,
    confidence: e.confidence,
    suggestions: JSON.stringify(e.suggestions),
    picked_from: e.pickedFrom,
  };
}

/**
 * A vote is written only for an answer that exists, and only by someone who saw it: the asker,
 * or anyone when the answer was shared. A forged payload naming another user's private answer,
 * or an exchange that does not exist, writes nothing. One vote per user and answer: a second
 * click replaces the first; a reason given later (the 👎 form) is added to the vote.
 */
async function writeVote(trx: Transaction<LogDatabase>, vote: VoteEntry, voter: string): Promise<void> {
  const at = new Date(vote.at).toISOString();
  await trx
    .insertInto('feedback')
    .columns(['exchange_id', 'voter_hash', 'vote', 'reason', 'at'])
    .expression((eb) =>
      eb
        .selectFrom('exchanges')
        .select([
          'exchanges.id',
          sql<string>`cast(${voter} as varchar(32))`.as('voter_hash'),
          sql<string>`cast(${vote.vote} as varchar(8))`.as('vote'),
          sql<string | null>`cast(${vote.reason} as text)`.as('reason'),
          sql<string>`cast(${at} as varchar(32))`.as('at'),
        ])
        .where('exchanges.id', '=', vote.exchange)
        .where('exchanges.kind', '=', 'answer')
        .where((w) => w.or([w('exchanges.shared', '=', 1), w('exchanges.user_hash', '=', voter)])),
    )
    .onConflict((oc) =>
      oc.columns(['exchange_id', 'voter_hash']).doUpdateSet((eb) => ({
        vote: eb.ref('excluded.vote'),
        // A 👍 takes back the reason of an earlier 👎; a 👎 without one keeps the earlier reason.
        reason:
          vote.vote === 'up'
            ? null
            : vote.reason !== null
              ? eb.ref('excluded.reason')
              : eb.ref('feedback.reason'),
        at: eb.ref('excluded.at'),
      })),
    )
    .execute();
}

/** The key kept in the database when the operator sets none: made once, shared by every instance. */
async function storedKey(db: Kysely<LogDatabase>): Promise<string> {
  const read = () =>
    db.selectFrom('log_meta').select('value').where('name', '=', HASH_KEY_NAME).executeTakeFirst();
  const found = await read();
  if (found) return found.value;
  await db
    .insertInto('log_meta')
    .values({ name: HASH_KEY_NAME, value: randomBytes(32).toString('base64url') })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
  const made = await read();
  if (!made) throw new Error('could not keep a user-hash key in the exchange log');
  return made.value;
}

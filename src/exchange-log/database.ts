import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { Kysely, Migrator, PostgresDialect, type SqliteDatabase, SqliteDialect } from 'kysely';
import { LRUCache } from 'lru-cache';
import { type LogDatabase, logMigrations } from './schema.js';
import type { LogTarget } from './target.js';

type Drivers = { sqlite: typeof import('better-sqlite3'); pg: typeof import('pg').default };

/**
 * The driver a target needs, and only that one: each costs start-up time to load (pg a few
 * hundred milliseconds on a busy machine), and a process uses one.
 */
export async function loadDriver<K extends LogTarget['kind']>(
  kind: K,
): Promise<K extends 'sqlite' ? Drivers['sqlite'] : Drivers['pg']> {
  const driver = kind === 'sqlite' ? (await import('better-sqlite3')).default : (await import('pg')).default;
  return driver as K extends 'sqlite' ? Drivers['sqlite'] : Drivers['pg'];
}

export interface OpenedDatabase {
  db: Kysely<LogDatabase>;
  close(): Promise<void>;
}

export interface OpenOptions {
  /** Read only, and an SQLite file must exist already (the review tool creates nothing). */
  readonly?: boolean;
  /** A pooled PostgreSQL connection that failed while idle (the server went away). */
  onPoolError?: (error: Error) => void;
}

/**
 * Opens the database and brings its schema up to date. SQLite runs in WAL mode, so that the
 * review tool reads while the bot writes; a busy file is waited on briefly, never for long, as
 * better-sqlite3 waits on the event loop. PostgreSQL connections search the configured schema
 * first, so the same unqualified queries serve both.
 */
export async function openDatabase(target: LogTarget, options: OpenOptions = {}): Promise<OpenedDatabase> {
  if (target.kind === 'sqlite') {
    const Database = await loadDriver('sqlite');
    if (!options.readonly) mkdirSync(dirname(target.file), { recursive: true });
    const sqlite = new Database(target.file, options.readonly ? { readonly: true, fileMustExist: true } : {});
    try {
      sqlite.pragma('busy_timeout = 200');
      if (!options.readonly) {
        sqlite.pragma('journal_mode = WAL');
        sqlite.pragma('synchronous = NORMAL');
      }
      for (const pragma of target.pragmas ?? []) sqlite.pragma(pragma);
      const db = new Kysely<LogDatabase>({
        dialect: new SqliteDialect({ database: withStatementCache(sqlite) }),
      });
      if (!options.readonly) await migrate(db);
      return { db, close: () => db.destroy() };
    } catch (error) {
      sqlite.close();
      throw error;
    }
  }
  const pg = await loadDriver('postgres');
  const pool = new pg.Pool({
    connectionString: target.url,
    max: 4,
    connectionTimeoutMillis: 3000,
    idleTimeoutMillis: 10_000,
    // A write that hangs (a server that stopped answering) fails instead of holding the batch.
    query_timeout: 10_000,
    options: `-c search_path=${target.schema}`,
  });
  // A connection that breaks emits 'error': on the pool when idle, on the client itself while
  // Kysely holds it (the query under way fails too, and is handled). Unheard, either would end
  // the process, so both are heard.
  const lost = (error: Error) => options.onPoolError?.(error);
  pool.on('error', lost);
  pool.on('connect', (client) => client.on('error', lost));
  const db = new Kysely<LogDatabase>({ dialect: new PostgresDialect({ pool }) });
  try {
    await migrate(db, target.schema);
    return { db, close: () => db.destroy() };
  } catch (error) {
    await db.destroy().catch(() => {});
    throw error;
  }
}

/**
 * Kysely's SQLite driver prepares every query it runs, and SQLite parses a statement on each
 * prepare: for a batch insert with hundreds of placeholders that parsing cost more than the
 * insert. The same SQL text gets the same prepared statement instead (the writer's batches come
 * in a few fixed sizes, so a few statements serve them all).
 */
function withStatementCache(sqlite: import('better-sqlite3').Database): SqliteDatabase {
  const statements = new LRUCache<string, ReturnType<typeof sqlite.prepare>>({ max: 32 });
  return {
    close: () => sqlite.close(),
    prepare(sql) {
      let statement = statements.get(sql);
      if (!statement) {
        statement = sqlite.prepare(sql);
        statements.set(sql, statement);
      }
      return statement;
    },
  };
}

async function migrate(db: Kysely<LogDatabase>, schema?: string): Promise<void> {
  // With a schema, Kysely creates it when missing and keeps its own tables there, so two
  // deployments (or two test runs) in one database never see each other's migrations.
  const migrator = new Migrator({
    db,
    provider: logMigrations,
    ...(schema ? { migrationTableSchema: schema } : {}),
  });
  const { error } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
}

import type { Kysely, Migration, MigrationProvider } from 'kysely';

/**
 * The log's tables, one schema for SQLite and PostgreSQL alike: only types both have (text,
 * integer, double), times as ISO-8601 UTC text (which sorts as time does), flags as 0/1.
 */
export interface ExchangesTable {
  id: string;
  at: string;
  platform: string;
  user_hash: string;
  shared: number;
  via: string;
  question: string | null;
  kind: string;
  detail: string | null;
  pack: string | null;
  card: string | null;
  confidence: number | null;
  /** JSON array of `pack/card` keys. */
  suggestions: string;
  picked_from: string | null;
}

export interface FeedbackTable {
  exchange_id: string;
  voter_hash: string;
  vote: string;
  reason: string | null;
  at: string;
}

/** Settings the log keeps for itself: the user-hash key when the operator gives none. */
export interface LogMetaTable {
  name: string;
  value: string;
}

export interface LogDatabase {
  exchanges: ExchangesTable;
  feedback: FeedbackTable;
  log_meta: LogMetaTable;
}

/**
 * Migrations, in order, in code rather than files so that they ship with the build. Each is run
 * once per database by Kysely's migrator, which records it and holds a lock while it runs, so
 * that several instances starting together migrate once.
 */
const migrations: Record<string, Migration> = {
  '0001-exchange-log': {
    async up(db: Kysely<unknown>) {
      await db.schema
        .createTable('exchanges')
        .addColumn('id', 'varchar(32)', (c) => c.primaryKey())
        .addColumn('at', 'varchar(32)', (c) => c.notNull())
        .addColumn('platform', 'varchar(64)', (c) => c.notNull())
        .addColumn('user_hash', 'varchar(32)', (c) => c.notNull())
        .addColumn('shared', 'integer', (c) => c.notNull())
        .addColumn('via', 'varchar(16)', (c) => c.notNull())
        .addColumn('question', 'text')
        .addColumn('kind', 'varchar(16)', (c) => c.notNull())
        .addColumn('detail', 'varchar(32)')
        .addColumn('pack', 'varchar(128)')
        .addColumn('card', 'varchar(128)')
        .addColumn('confidence', 'double precision')
        .addColumn('suggestions', 'text', (c) => c.notNull())
        .addColumn('picked_from', 'varchar(32)')
        .execute();
      await db.schema.createIndex('exchanges_at').on('exchanges').column('at').execute();
      await db.schema
        .createTable('feedback')
        .addColumn('exchange_id', 'varchar(32)', (c) => c.notNull())
        .addColumn('voter_hash', 'varchar(32)', (c) => c.notNull())
        .addColumn('vote', 'varchar(8)', (c) => c.notNull())
        .addColumn('reason', 'text')
        .addColumn('at', 'varchar(32)', (c) => c.notNull())
        .addPrimaryKeyConstraint('feedback_pk', ['exchange_id', 'voter_hash'])
        .execute();
      await db.schema
        .createTable('log_meta')
        .addColumn('name', 'varchar(64)', (c) => c.primaryKey())
        .addColumn('value', 'text', (c) => c.notNull())
        .execute();
    },
  },
};

export const logMigrations: MigrationProvider = {
  getMigrations: async () => migrations,
};

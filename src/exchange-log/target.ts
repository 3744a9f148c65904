import { join } from 'node:path';

/** Where the log lives: an SQLite file (the embedded default) or a PostgreSQL schema. */
export type LogTarget =
  | {
      kind: 'sqlite';
      file: string;
      /** Extra pragmas run after opening; tests use them to play a full disk or a read-only file. */
      pragmas?: readonly string[];
    }
  | { kind: 'postgres'; url: string; schema: string };

/** The SQLite file under `DATA_DIR`. */
export const SQLITE_FILE = 'factdesk.db';

/** PostgreSQL when `DATABASE_URL` is set, so that several instances share one log; else SQLite. */
export function logTarget(config: {
  DATA_DIR: string;
  DATABASE_URL?: string;
  DATABASE_SCHEMA: string;
}): LogTarget {
  return config.DATABASE_URL
    ? { kind: 'postgres', url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA }
    : { kind: 'sqlite', file: join(config.DATA_DIR, SQLITE_FILE) };
}

/** For logs and reports: never the URL, which may carry a password. */
export function describeTarget(target: LogTarget): string {
  return target.kind === 'sqlite' ? `SQLite ${target.file}` : `PostgreSQL, schema ${target.schema}`;
}

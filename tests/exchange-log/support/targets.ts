import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import type { LogTarget } from '../../../src/exchange-log/target.js';

/**
 * The stores every exchange-log test runs against: SQLite always, and the real PostgreSQL when
 * `DATABASE_URL` is set (`.ci/run` sets it when a server answers). Other developers use the same
 * database at the same time, so each test gets a schema of its own, dropped afterwards.
 */
export const DATABASE_URL = process.env.DATABASE_URL;

export type StoreKind = 'sqlite' | 'postgres';

export const STORE_KINDS: readonly StoreKind[] = DATABASE_URL ? ['sqlite', 'postgres'] : ['sqlite'];

let said = false;
/** Says once per test file which stores it runs on. */
export function announceStores(file: string): void {
  if (said) return;
  said = true;
  const pgNote = DATABASE_URL
    ? 'PostgreSQL (DATABASE_URL, a schema per test, dropped after)'
    : 'PostgreSQL skipped: DATABASE_URL not set';
  process.stdout.write(`[${file}] exchange log stores: SQLite (temporary files); ${pgNote}\n`);
}

/** A store of its own: a temporary SQLite file, or a fresh PostgreSQL schema. */
export interface TestTarget {
  target: LogTarget;
  /** The SQLite file, for tests that damage it. */
  file?: string;
  drop(): Promise<void>;
}

export async function testTarget(kind: StoreKind, url = DATABASE_URL): Promise<TestTarget> {
  if (kind === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'factdesk-log-'));
    const file = join(dir, 'factdesk.db');
    return {
      target: { kind: 'sqlite', file },
      file,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  if (!url) throw new Error('DATABASE_URL is not set');
  const schema = `factdesk_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  return {
    target: { kind: 'postgres', url, schema },
    drop: () => dropSchema(schema),
  };
}

/** Drops a test schema and everything in it; always through the real server, never a proxy. */
export async function dropSchema(schema: string): Promise<void> {
  if (!DATABASE_URL) return;
  const client = new pg.Client({ connectionString: DATABASE_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

/** Every exchange and vote in a log, read through a store of its own. */
export async function readRows(target: LogTarget) {
  const { createExchangeStore } = await import('../../../src/exchange-log/store.js');
  const reader = createExchangeStore(target, { readonly: true });
  await reader.open();
  try {
    const db = reader.database();
    return {
      exchanges: await db.selectFrom('exchanges').selectAll().orderBy('at').execute(),
      feedback: await db.selectFrom('feedback').selectAll().execute(),
    };
  } finally {
    await reader.close();
  }
}

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * The exchange log of the app(s) that `npm run load` starts, from `LOAD_EXCHANGE_LOG`:
 * `on` (the default: SQLite in a temporary DATA_DIR, removed afterwards), `off`
 * (`LOG_EXCHANGES=false`), or `postgres` (the `DATABASE_URL` server, in a schema of the run's own,
 * dropped afterwards). `npm run load:log-cost` runs the load test with each, to measure the cost.
 * With `--instances N` the instances share the log as a deployment would: use `postgres` (one
 * SQLite file written by several processes works, but is not what SQLite is for).
 */
export interface LoadExchangeLog {
  mode: 'on' | 'off' | 'postgres';
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

export function exchangeLogEnv(env: Record<string, string | undefined> = process.env): LoadExchangeLog {
  const mode = env.LOAD_EXCHANGE_LOG ?? 'on';
  if (mode === 'off') return { mode, env: { LOG_EXCHANGES: 'false' }, cleanup: async () => {} };
  if (mode === 'postgres') {
    const url = env.DATABASE_URL;
    if (!url) throw new Error('LOAD_EXCHANGE_LOG=postgres needs DATABASE_URL');
    const schema = `factdesk_load_${process.pid}`;
    return {
      mode,
      env: { LOG_EXCHANGES: 'true', DATABASE_URL: url, DATABASE_SCHEMA: schema },
      cleanup: async () => {
        const { default: pg } = await import('pg');
        const client = new pg.Client({ connectionString: url });
        await client.connect();
        await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`).finally(() => client.end());
      },
    };
  }
  if (mode !== 'on') throw new Error(`LOAD_EXCHANGE_LOG must be on, off or postgres, not "${mode}"`);
  const dir = mkdtempSync(join(tmpdir(), 'factdesk-load-log-'));
  return {
    mode,
    env: { LOG_EXCHANGES: 'true', DATA_DIR: dir },
    cleanup: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

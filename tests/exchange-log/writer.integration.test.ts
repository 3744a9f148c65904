import { chmodSync, readFileSync, writeFileSync } from 'node:fs';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startTcpProxy } from '../../scripts/lib/tcp-proxy.js';
import { createBot } from '../../src/bot/bot.js';
import { withExchangeLog } from '../../src/bot/logged-bot.js';
import { createExchangeStore } from '../../src/exchange-log/store.js';
import type { LogTarget } from '../../src/exchange-log/target.js';
import { createExchangeWriter, type ExchangeWriter } from '../../src/exchange-log/writer.js';
import { loadPacks } from '../../src/knowledge/load-packs.js';
import { memoryLogger } from '../runtime/support/temp-knowledge.js';
import { exchange } from './support/entries.js';
import { announceStores, DATABASE_URL, dropSchema, type TestTarget, testTarget } from './support/targets.js';

beforeAll(() => announceStores('writer.test'));

const UNAVAILABLE =
  'exchange log unavailable: answers go on, exchanges wait and are dropped if it stays away';
const packs = loadPacks('knowledge');

/** A writer on `target` with a clock the test moves, so that retry pauses need no waiting. */
function writerOn(target: LogTarget, options: { attempts?: number; maxBuffered?: number } = {}) {
  const log = memoryLogger('info');
  let time = Date.now();
  const writer = createExchangeWriter({
    store: createExchangeStore(target),
    logger: log.logger,
    retentionDays: 30,
    now: () => time,
    ...options,
  });
  writers.push(writer);
  return {
    writer,
    lines: log.lines,
    /** Flushes once the retry pause is over. */
    flushLater: async () => {
      time += 60_000;
      await writer.flush();
    },
    said: (msg: string) => log.lines.filter((l) => l.msg === msg).length,
  };
}

const writers: ExchangeWriter[] = [];
const made: TestTarget[] = [];
const sqlite = async () => {
  const t = await testTarget('sqlite');
  made.push(t);
  return t as TestTarget & { file: string; target: Extract<LogTarget, { kind: 'sqlite' }> };
};
afterEach(async () => {
  for (const w of writers.splice(0)) await w.stop(1000);
});
afterAll(async () => {
  for (const t of made) await t.drop();
});

async function rowsIn(target: LogTarget): Promise<number> {
  const reader = createExchangeStore(target, { readonly: true });
  await reader.open();
  try {
    const { n } = await reader
      .database()
      .selectFrom('exchanges')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(n);
  } finally {
    await reader.close();
  }
}

describe('exchange writer', () => {
  it('writes in batches, off the answering path: replies carry their exchange id at once', async () => {
    const { target } = await sqlite();
    const { writer } = writerOn(target);
    const bot = withExchangeLog(createBot(packs), writer, { logQuestions: true });
    const reply = await bot.ask({
      text: 'who is Krasikov?',
      user: 'U1',
      conversation: 'c',
      platform: 'slack',
    });
    expect(reply.exchange).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(writer.stats()).toMatchObject({ buffered: 1, written: 0 });
    await writer.flush();
    expect(writer.stats()).toMatchObject({ buffered: 0, written: 1, dropped: 0, failing: false });
    expect(await rowsIn(target)).toBe(1);
  });

  it('reports a corrupt database file once, leaves the file as it was, and answers on', async () => {
    const { target, file } = await sqlite();
    const garbage = Buffer.from(
      'this is not an SQLite database, just some bytes an accident left here\n'.repeat(80),
    );
    writeFileSync(file, garbage);
    const { writer, flushLater, said, lines } = writerOn(target);
    const bot = withExchangeLog(createBot(packs), writer, { logQuestions: true });
    for (let i = 0; i < 5; i++) {
      const reply = await bot.ask({
        text: 'who is Krasikov?',
        user: 'U1',
        conversation: 'c',
        platform: 'slack',
      });
      expect(reply.kind).toBe('answer');
      await flushLater();
    }
    expect(said(UNAVAILABLE)).toBe(1);
    expect(lines.find((l) => l.msg === UNAVAILABLE)).toMatchObject({ level: 50, store: `SQLite ${file}` });
    expect(writer.stats().failing).toBe(true);
    expect(readFileSync(file).equals(garbage)).toBe(true);
  });

  it('reports a read-only database file once and writes nothing to it', async () => {
    const { target, file } = await sqlite();
    const first = writerOn(target).writer;
    first.record(exchange());
    await first.flush();
    await first.stop();
    const before = readFileSync(file);
    chmodSync(file, 0o444);
    // Root ignores file modes; SQLite's own read-only switch then plays the read-only file.
    const readOnly: LogTarget =
      process.getuid?.() === 0 ? { ...target, pragmas: ['query_only = 1'] } : target;
    const { writer, flushLater, said } = writerOn(readOnly);
    for (let i = 0; i < 4; i++) {
      writer.record(exchange());
      await flushLater();
    }
    expect(said(UNAVAILABLE)).toBe(1);
    expect(writer.stats()).toMatchObject({ written: 0, failing: true });
    chmodSync(file, 0o644);
    expect(readFileSync(file).equals(before)).toBe(true);
    expect(await rowsIn(target)).toBe(1);
  });

  it('reports a full disk once, gives up the batches that do not fit, and keeps what was written', async () => {
    const { target } = await sqlite();
    const setup = writerOn(target).writer;
    setup.record(exchange());
    await setup.flush();
    await setup.stop();
    // SQLite's page limit plays the full disk: writes past it fail with SQLITE_FULL.
    const full: LogTarget = { ...target, pragmas: ['max_page_count = 12'] };
    const { writer, flushLater, said } = writerOn(full, { attempts: 2 });
    for (let i = 0; i < 5; i++) {
      for (let j = 0; j < 100; j++)
        writer.record(exchange({ question: `a long question ${'x'.repeat(900)}` }));
      await flushLater();
      await flushLater();
    }
    expect(said(UNAVAILABLE)).toBe(1);
    expect(writer.stats()).toMatchObject({ buffered: 0, dropped: 500, failing: true });
    expect(await rowsIn(target)).toBe(1);
  });

  it('holds a bounded buffer while the store is away, dropping and counting the rest, said once', async () => {
    // DATA_DIR under a file: the directory can never be made.
    const notADirectory: LogTarget = { kind: 'sqlite', file: '/dev/null/factdesk/factdesk.db' };
    const { writer, flushLater, said } = writerOn(notADirectory, { maxBuffered: 100 });
    for (let i = 0; i < 1000; i++) writer.record(exchange());
    await flushLater();
    expect(writer.stats()).toMatchObject({ buffered: 100, dropped: 900 });
    expect(said('exchange log buffer full: new exchanges are dropped until the store catches up')).toBe(1);
    expect(said(UNAVAILABLE)).toBe(1);
  });

  it.skipIf(!DATABASE_URL)(
    'PostgreSQL going away mid-run: said once, exchanges wait in the buffer, all written when it is back',
    async () => {
      const real = new URL(DATABASE_URL ?? '');
      const proxy = await startTcpProxy([{ host: real.hostname, port: Number(real.port || 5432) }]);
      const made = await testTarget('postgres');
      const proxied = new URL(DATABASE_URL ?? '');
      proxied.hostname = '127.0.0.1';
      proxied.port = String(proxy.port);
      const target: LogTarget = {
        ...(made.target as Extract<LogTarget, { kind: 'postgres' }>),
        url: proxied.href,
      };
      const schema = (made.target as { schema: string }).schema;
      try {
        const { writer, flushLater, said } = writerOn(target, { attempts: 1000 });
        const bot = withExchangeLog(createBot(packs), writer, { logQuestions: true });
        // One question, asked by ten people: the text carries no number, which the matcher would read.
        const ask = (i: number) =>
          bot.ask({ text: 'who is Krasikov?', user: `U${i}`, conversation: `c${i}`, platform: 'slack' });
        for (let i = 0; i < 5; i++) await ask(i);
        await writer.flush();
        expect(writer.stats()).toMatchObject({ written: 5, failing: false });

        proxy.setMode('refuse');
        for (let i = 5; i < 10; i++) expect((await ask(i)).kind).toBe('answer');
        await flushLater();
        await flushLater();
        expect(writer.stats()).toMatchObject({ written: 5, buffered: 5, failing: true });
        expect(said(UNAVAILABLE)).toBe(1);

        proxy.setMode('forward');
        await flushLater();
        expect(writer.stats()).toMatchObject({ written: 10, buffered: 0, dropped: 0, failing: false });
        expect(said('exchange log writing again')).toBe(1);
        await writer.stop();
        expect(await rowsIn(made.target)).toBe(10);
      } finally {
        await proxy.close();
        await dropSchema(schema);
      }
    },
    30_000,
  );
});

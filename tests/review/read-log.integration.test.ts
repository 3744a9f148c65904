import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readLog } from '../../scripts/lib/review/read-log.js';
import { createExchangeStore, type ExchangeStore } from '../../src/exchange-log/store.js';
import { exchange, idOf, vote } from '../exchange-log/support/entries.js';
import { announceStores, STORE_KINDS, type TestTarget, testTarget } from '../exchange-log/support/targets.js';

beforeAll(() => announceStores('read-log.test'));

describe.each(STORE_KINDS)('the review reads the log back on %s', (kind) => {
  let made: TestTarget;
  let writer: ExchangeStore;
  let reader: ExchangeStore;
  beforeAll(async () => {
    made = await testTarget(kind);
    writer = createExchangeStore(made.target);
    await writer.open();
    reader = createExchangeStore(made.target, { readonly: true });
  });
  afterAll(async () => {
    await writer?.close();
    await reader?.close();
    await made?.drop();
  });

  it('reads the period asked for, with the votes on its answers, typed as written', async () => {
    const day = 24 * 60 * 60 * 1000;
    const old = exchange({ at: Date.now() - 10 * day, shared: true });
    const recent = exchange({ at: Date.now() - day, shared: true, suggestions: ['p/a'], confidence: 0.625 });
    const pick = exchange({ via: 'card', pickedFrom: idOf(recent), question: null });
    await writer.write([
      old,
      recent,
      pick,
      vote(idOf(old), { vote: 'down' }),
      vote(idOf(recent), { vote: 'down', reason: 'why' }),
    ]);
    await reader.open();
    const log = await readLog(reader, {
      from: new Date(Date.now() - 5 * day),
      to: new Date(Date.now() + 1000),
    });
    expect(log.exchanges.map((e) => e.id)).toEqual([idOf(recent), idOf(pick)]);
    expect(log.exchanges[0]).toMatchObject({
      shared: true,
      suggestions: ['p/a'],
      confidence: 0.625,
      kind: 'answer',
    });
    expect(log.exchanges[1]).toMatchObject({ via: 'card', pickedFrom: idOf(recent), question: null });
    expect(log.votes).toEqual([
      expect.objectContaining({ exchange: idOf(recent), vote: 'down', reason: 'why' }),
    ]);
  });
});

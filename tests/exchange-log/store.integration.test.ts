import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createExchangeStore, type ExchangeStore } from '../../src/exchange-log/store.js';
import { hashUser } from '../../src/exchange-log/user-hash.js';
import { exchange, idOf, newExchangeId, vote } from './support/entries.js';
import { announceStores, STORE_KINDS, type TestTarget, testTarget } from './support/targets.js';

beforeAll(() => announceStores('store.test'));

describe.each(STORE_KINDS)('exchange store on %s', (kind) => {
  let made: TestTarget;
  let store: ExchangeStore;
  const opened: ExchangeStore[] = [];
  const open = async (hashKey?: string) => {
    const s = createExchangeStore(made.target, hashKey ? { hashKey } : {});
    opened.push(s);
    await s.open();
    return s;
  };

  beforeAll(async () => {
    made = await testTarget(kind);
    store = await open();
  });
  afterEach(async () => {
    await store.database().deleteFrom('feedback').execute();
    await store.database().deleteFrom('exchanges').execute();
  });
  afterAll(async () => {
    for (const s of opened) await s.close();
    await made?.drop();
  });

  const exchanges = () => store.database().selectFrom('exchanges').selectAll().orderBy('at').execute();
  const feedback = () => store.database().selectFrom('feedback').selectAll().execute();

  it('creates its schema on first start and writes exchanges, users only as a keyed hash', async () => {
    const asked = exchange({ user: 'U0SECRETUSER', suggestions: ['p/a', 'p/b'] });
    const declined = exchange({
      kind: 'no-match',
      pack: null,
      card: null,
      question: null,
      user: 'U0SECRETUSER',
    });
    await store.write([asked, declined]);
    const rows = await exchanges();
    expect(rows).toHaveLength(2);
    expect(rows.map((r) => r.id).sort()).toEqual([idOf(asked), idOf(declined)].sort());
    const answer = rows.find((r) => r.id === idOf(asked));
    expect(answer).toMatchObject({
      kind: 'answer',
      card: 'krasikov-who',
      question: 'who is Krasikov?',
      shared: 0,
    });
    expect(JSON.parse(answer?.suggestions ?? '')).toEqual(['p/a', 'p/b']);
    expect(rows.find((r) => r.id === idOf(declined))?.question).toBeNull();
    // The raw id is nowhere; both rows carry the same hash of it.
    expect(JSON.stringify(rows)).not.toContain('U0SECRETUSER');
    expect(new Set(rows.map((r) => r.user_hash)).size).toBe(1);
    expect(rows[0]?.user_hash).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });

  it('agrees on user hashes across instances: the key is made once and kept in the log', async () => {
    const other = await open();
    const a = exchange({ user: 'U0SAME' });
    const b = exchange({ user: 'U0SAME' });
    await store.write([a]);
    await other.write([b]);
    const hashes = new Set((await exchanges()).map((r) => r.user_hash));
    expect(hashes.size).toBe(1);
    // With LOG_HASH_KEY the hash is that key's, which a copy of the database does not hold.
    const keyed = await open('an-operator-key-of-some-length');
    const c = exchange({ user: 'U0SAME' });
    await keyed.write([c]);
    const row = (await exchanges()).find((r) => r.id === idOf(c));
    expect(row?.user_hash).toBe(hashUser('an-operator-key-of-some-length', 'slack', 'U0SAME'));
    expect(hashes.has(row?.user_hash ?? '')).toBe(false);
  });

  it("counts the asker's vote on a private answer, and nobody else's (a forged payload)", async () => {
    const answer = exchange({ user: 'U0ASKER', shared: false });
    await store.write([answer]);
    await store.write([vote(idOf(answer), { user: 'U0MALLORY', vote: 'down', reason: 'forged' })]);
    expect(await feedback()).toEqual([]);
    await store.write([vote(idOf(answer), { user: 'U0ASKER', vote: 'up' })]);
    expect(await feedback()).toMatchObject([{ exchange_id: idOf(answer), vote: 'up', reason: null }]);
  });

  it('takes one vote per user on a shared answer: a second click replaces the first', async () => {
    const answer = exchange({ shared: true });
    await store.write([answer]);
    await store.write([
      vote(idOf(answer), { user: 'U1', vote: 'up' }),
      vote(idOf(answer), { user: 'U1', vote: 'up' }),
      vote(idOf(answer), { user: 'U2', vote: 'down' }),
    ]);
    await store.write([vote(idOf(answer), { user: 'U2', vote: 'down', reason: 'the date is wrong' })]);
    // The form's reason arrives after the click; a later click without one keeps it.
    await store.write([vote(idOf(answer), { user: 'U2', vote: 'down' })]);
    const votes = await feedback();
    expect(votes.map((v) => v.vote).sort()).toEqual(['down', 'up']);
    expect(votes.find((v) => v.vote === 'down')?.reason).toBe('the date is wrong');
    // Changing one's mind to 👍 takes the reason back.
    await store.write([vote(idOf(answer), { user: 'U2', vote: 'up' })]);
    expect((await feedback()).map((v) => [v.vote, v.reason])).toEqual([
      ['up', null],
      ['up', null],
    ]);
  });

  it('writes no vote for an exchange that does not exist, or that was not an answer', async () => {
    const declined = exchange({ kind: 'no-match', pack: null, card: null, shared: true });
    await store.write([declined]);
    await store.write([vote(newExchangeId()), vote(idOf(declined)), vote('not-an-id-at-all')]);
    expect(await feedback()).toEqual([]);
  });

  it('writes a batch of any size', async () => {
    for (const size of [203, 1, 64, 127]) {
      await store.write(Array.from({ length: size }, () => exchange()));
    }
    expect(await exchanges()).toHaveLength(203 + 1 + 64 + 127);
  });

  it('writes a batch whole or not at all, and the same exchange twice only once', async () => {
    const one = exchange();
    await store.write([one, exchange(), exchange()]);
    await store.write([one]);
    expect(await exchanges()).toHaveLength(3);
  });

  it('deletes question text and reasons past the retention period, keeping the counts', async () => {
    const day = 24 * 60 * 60 * 1000;
    const old = exchange({ at: Date.now() - 40 * day, shared: true });
    const recent = exchange({ at: Date.now() - 2 * day, shared: true });
    await store.write([old, recent]);
    await store.write([
      vote(idOf(old), { vote: 'down', reason: 'old reason', at: Date.now() - 40 * day }),
      vote(idOf(recent), { vote: 'down', reason: 'new reason' }),
    ]);
    expect(await store.forgetTextBefore(new Date(Date.now() - 30 * day))).toBe(2);
    const rows = await exchanges();
    expect(rows.map((r) => r.question)).toEqual([null, 'who is Krasikov?']);
    expect(rows).toHaveLength(2);
    expect((await feedback()).map((f) => f.reason).sort()).toEqual(['new reason', null].sort());
  });
});

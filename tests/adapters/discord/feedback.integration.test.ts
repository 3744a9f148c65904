import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDiscordAdapter } from '../../../adapters/discord/discord-adapter.js';
import { createBot } from '../../../src/bot/bot.js';
import { FEEDBACK_THANKS, MAX_REASON_LENGTH } from '../../../src/bot/feedback.js';
import { withExchangeLog } from '../../../src/bot/logged-bot.js';
import type { LogEntry } from '../../../src/exchange-log/entries.js';
import { loadPacks } from '../../../src/knowledge/load-packs.js';
import type { Adapter } from '../../../src/platform.js';
import { type FakeDiscord, ids, startFakeDiscord } from './fake-discord.js';
import { captureLogs } from './log-capture.js';
import { askCommand, buttonClick } from './payloads.js';

/** 👍/👎 and the 👎 form in Discord, through the real discord.js client against a fake Discord. */
const entries: LogEntry[] = [];
const bot = withExchangeLog(
  createBot(loadPacks('knowledge')),
  { record: (e) => entries.push(e) },
  { logQuestions: true },
);
const votes = () => entries.flatMap((e) => (e.type === 'vote' ? [e.entry] : []));

interface Component {
  type: number;
  custom_id: string;
  max_length?: number;
  style?: number;
}
interface CallbackBody {
  type: number;
  data: {
    content?: string;
    flags?: number;
    custom_id?: string;
    title?: string;
    components?: Array<{ type: number; components: Component[] }>;
  };
}

function reasonForm(customId: string, reason: string) {
  const sent = buttonClick('factdesk:unused');
  const { message: _m, ...payload } = sent.payload as typeof sent.payload & { message?: unknown };
  return {
    ...sent,
    payload: {
      ...payload,
      type: 5,
      data: {
        custom_id: customId,
        components: [{ type: 1, components: [{ type: 4, custom_id: 'reason', value: reason }] }],
      },
    },
  };
}

describe('Discord feedback', () => {
  let fake: FakeDiscord;
  let adapter: Adapter;
  const logs = captureLogs();
  const callback = async (path: string) =>
    (await fake.waitForRequest((r) => r.method === 'POST' && r.path === path)).body as CallbackBody;

  beforeAll(async () => {
    fake = await startFakeDiscord();
    adapter = createDiscordAdapter({
      bot,
      config: { DISCORD_TOKEN: 'fake.token.x', DISCORD_API_URL: fake.api },
      logger: logs.logger,
      rest: { retries: 0, timeout: 5000 },
    });
    await adapter.start();
  });
  afterAll(async () => {
    await adapter?.stop();
    await fake?.close();
  });

  let exchange = '';
  it('puts 👍/👎 under the answer embed, in the last row, naming the answer; card buttons name it too', async () => {
    const sent = askCommand('Who is Vedim Krasikov?');
    fake.dispatch('INTERACTION_CREATE', sent.payload);
    const body = await callback(sent.callbackPath);
    const logged = entries.find((e) => e.type === 'exchange' && e.entry.kind === 'answer');
    exchange = logged?.type === 'exchange' ? logged.entry.id : '';
    expect(logged).toMatchObject({ entry: { shared: true, user: ids.user } });
    const rows = body.data.components ?? [];
    expect(rows.at(-1)?.components.map((c) => c.custom_id)).toEqual([
      `factdesk:vote:up:${exchange}`,
      `factdesk:vote:down:${exchange}`,
    ]);
    const cards = rows.slice(0, -1).flatMap((r) => r.components.map((c) => c.custom_id));
    expect(cards.length).toBeGreaterThan(0);
    for (const id of cards) expect(id.endsWith(`:${exchange}`)).toBe(true);
  });

  it('acknowledges a 👍 to the clicker alone, without the answer', async () => {
    const sent = buttonClick(`factdesk:vote:up:${exchange}`);
    fake.dispatch('INTERACTION_CREATE', sent.payload);
    const body = await callback(sent.callbackPath);
    expect(body).toEqual({ type: 4, data: expect.objectContaining({ content: FEEDBACK_THANKS, flags: 64 }) });
    expect(body.data).not.toHaveProperty('embeds', expect.arrayContaining([expect.anything()]));
    expect(votes().at(-1)).toMatchObject({ exchange, vote: 'up', user: ids.user, platform: 'discord' });
  });

  it('opens the form on a 👎, and keeps its reason, cut to length', async () => {
    const sent = buttonClick(`factdesk:vote:down:${exchange}`);
    fake.dispatch('INTERACTION_CREATE', sent.payload);
    const body = await callback(sent.callbackPath);
    expect(body.type).toBe(9);
    expect(body.data.custom_id).toBe(`factdesk:reason:${exchange}`);
    expect(body.data.title?.startsWith('Thanks — noted')).toBe(true);
    expect(body.data.components?.[0]?.components[0]).toMatchObject({
      type: 4,
      custom_id: 'reason',
      max_length: 1000,
    });
    expect(votes().at(-1)).toMatchObject({ exchange, vote: 'down', reason: null });

    const form = reasonForm(`factdesk:reason:${exchange}`, `wrong year ${'y'.repeat(100_000)}`);
    fake.dispatch('INTERACTION_CREATE', form.payload);
    const thanks = await callback(form.callbackPath);
    expect(thanks).toEqual({
      type: 4,
      data: expect.objectContaining({ content: FEEDBACK_THANKS, flags: 64 }),
    });
    const reason = votes().at(-1)?.reason ?? '';
    expect(reason.startsWith('wrong year')).toBe(true);
    expect([...reason]).toHaveLength(MAX_REASON_LENGTH);
  });

  it('ignores feedback buttons and forms this bot did not make', async () => {
    const before = votes().length;
    for (const sent of [buttonClick('factdesk:vote:up:short'), reasonForm('factdesk:reason:nope', 'x')]) {
      fake.dispatch('INTERACTION_CREATE', sent.payload);
    }
    const answered = askCommand('Who is Vedim Krasikov?');
    fake.dispatch('INTERACTION_CREATE', answered.payload);
    await callback(answered.callbackPath);
    expect(votes().length).toBe(before);
    expect(logs.entries().filter((e) => e.msg === 'discord: interaction failed')).toEqual([]);
  });
});

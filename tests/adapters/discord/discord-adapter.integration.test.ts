import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DiscordAdapter } from '../../../adapters/discord/discord-adapter.js';
import { createBot } from '../../../src/bot/bot.js';
import type { Query } from '../../../src/bot/query.js';
import type { Reply } from '../../../src/bot/reply.js';
import { loadPacks } from '../../../src/knowledge/load-packs.js';
import { until } from '../../support/until.js';
import { connectedAdapter } from './connect.js';
import { shown } from './display.js';
import { type FakeDiscord, ids, type RecordedRequest, startFakeDiscord } from './fake-discord.js';
import { captureLogs } from './log-capture.js';
import {
  askCommand,
  autocomplete,
  botAuthor,
  botMention,
  buttonClick,
  directMessage,
  guildMessage,
  malformedCommand,
  selfAuthor,
  slashCommand,
} from './payloads.js';

/**
 * The real discord.js client, driven through a fake Discord on 127.0.0.1. Expected replies come
 * from the real bot asked the same question, never from texts written into the test.
 */

const TOKEN = 'fake.token.x';
const packs = loadPacks('knowledge');
const bot = createBot(packs);
const channelConversation = `discord:${ids.guild}:${ids.channel}`;
const ask = (text: string, conversation = channelConversation): Promise<Reply> =>
  bot.ask({ text, user: ids.user, conversation, platform: 'discord' } satisfies Query);

interface Embed {
  title?: string;
  description?: string;
  footer?: { text: string };
  fields?: Array<{ name: string; value: string }>;
}
interface Row {
  type: number;
  components: Array<{ type: number; custom_id: string; label: string }>;
}
interface CallbackBody {
  type: number;
  data: {
    embeds?: Embed[];
    components?: Row[];
    flags?: number;
    choices?: Array<{ name: string; value: string }>;
  };
}
interface MessageBody {
  content?: string;
  embeds?: Embed[];
  components?: Row[];
  allowed_mentions?: unknown;
  message_reference?: { message_id: string };
}

const customIds = (rows: Row[] | undefined) =>
  (rows ?? []).flatMap((r) => r.components.map((c) => c.custom_id));

function expectAnswerEmbed(embed: Embed | undefined, reply: Reply) {
  if (reply.kind !== 'answer') throw new Error(`precondition: expected an answer, got ${reply.kind}`);
  expect(shown(embed?.title)).toBe(reply.card.title);
  expect(shown(embed?.description)).toBe(reply.text);
  expect(embed?.footer?.text).toContain(reply.citation.sourceTitle);
  for (const sentence of reply.citation.sentences) expect(embed?.footer?.text).toContain(sentence);
}

describe('Discord adapter against a fake Discord', () => {
  let fake: FakeDiscord;
  let adapter: DiscordAdapter;
  const logs = captureLogs();

  const callback = async (path: string): Promise<CallbackBody> =>
    (await fake.waitForRequest((r) => r.method === 'POST' && r.path === path)).body as CallbackBody;
  const messageTo = async (channel: string, match: (body: MessageBody) => boolean = () => true) =>
    (
      await fake.waitForRequest(
        (r: RecordedRequest) =>
          r.method === 'POST' &&
          r.path === `/api/v10/channels/${channel}/messages` &&
          match(r.body as MessageBody),
      )
    ).body as MessageBody;

  beforeAll(async () => {
    fake = await startFakeDiscord();
    adapter = await connectedAdapter(bot, fake, logs.logger);
  });

  afterAll(async () => {
    await adapter?.stop();
    await fake?.close();
  });

  it('answers /ask with an embed of the card, its citation and buttons for other cards', async () => {
    const question = 'Who is Vedim Krasikov?';
    const expected = await ask(question);
    const sent = askCommand(question);
    fake.dispatch('INTERACTION_CREATE', sent.payload);
    const body = await callback(sent.callbackPath);

    expect(body.type).toBe(4);
    expect(body.data.flags ?? 0).toBe(0);
    expectAnswerEmbed(body.data.embeds?.[0], expected);
    if (expected.kind !== 'answer') return;
    const others = [...expected.suggestions, ...expected.related].filter(
      (c) => c.card !== expected.card.card,
    );
    expect(new Set(customIds(body.data.components))).toEqual(
      new Set(others.map((c) => `factdesk:card:${c.pack}:${c.card}`)),
    );
  });

  it('logs platform, conversation, card, confidence and latency, and never a token', async () => {
    const expected = await ask('Who is Vedim Krasikov?');
    if (expected.kind !== 'answer') throw new Error('precondition: expected an answer');
    // The first test's reply is logged once its callback returns; wait for that line.
    await expect
      .poll(() => logs.entries().find((e) => e.msg === 'discord: replied' && e.source === '/ask'))
      .toMatchObject({
        platform: 'discord',
        conversation: channelConversation,
        card: `${expected.card.pack}/${expected.card.card}`,
        confidence: expect.any(Number),
        latencyMs: expect.any(Number),
      });
    expect(logs.text()).not.toContain(TOKEN);
    expect(logs.text()).not.toContain('itok-');
  });

  it('answers a question it cannot match privately (ephemeral), with suggestions as buttons', async () => {
    const question = 'What is the weather like on Mars next Tuesday?';
    const expected = await ask(question);
    expect(expected.kind).toBe('no-match');
    const sent = askCommand(question);
    fake.dispatch('INTERACTION_CREATE', sent.payload);
    const body = await callback(sent.callbackPath);

    expect(body.type).toBe(4);
    expect(body.data.flags).toBe(64);
    expect(shown(body.data.embeds?.[0]?.description)).toBe(expected.text);
    if (expected.kind === 'no-match') {
      expect(customIds(body.data.components)).toEqual(
        expected.suggestions.map((c) => `factdesk:card:${c.pack}:${c.card}`),
      );
    }
  });

  it('offers 1–25 relevant autocomplete choices for a half-typed question', async () => {
    const sent = autocomplete('who is kras');
    fake.dispatch('INTERACTION_CREATE', sent.payload);
    const body = await callback(sent.callbackPath);

    expect(body.type).toBe(8);
    const choices = body.data.choices ?? [];
    expect(choices.length).toBeGreaterThanOrEqual(1);
    expect(choices.length).toBeLessThanOrEqual(25);
    for (const c of choices) {
      expect(c.name.length).toBeLessThanOrEqual(100);
      expect(c.value.length).toBeLessThanOrEqual(100);
    }
    // Relevant: picking the top choice gets the same card as asking the full question.
    const top = await ask(choices[0]?.value ?? '');
    const full = await ask('Who is Vedim Krasikov?');
    expect(top.kind === 'answer' && full.kind === 'answer' && top.card.card === full.card.card).toBe(true);
  });

  it('offers the first 25 card titles when nothing has been typed yet', async () => {
    const sent = autocomplete('');
    fake.dispatch('INTERACTION_CREATE', sent.payload);
    const body = await callback(sent.callbackPath);
    const titles = packs.flatMap((p) => p.cards.map((c) => c.title)).slice(0, 25);
    expect(body.data.choices?.map((c) => c.value)).toEqual(titles);
  });

  it('answers the card of a clicked button', async () => {
    const pack = packs[0]?.id ?? '';
    const card = packs[0]?.cards[3];
    if (!card) throw new Error('precondition: the pack has at least 4 cards');
    const sent = buttonClick(`factdesk:card:${pack}:${card.id}`);
    fake.dispatch('INTERACTION_CREATE', sent.payload);
    const body = await callback(sent.callbackPath);

    expect(body.type).toBe(4);
    const expected = await bot.ask({
      intent: { pack, card: card.id },
      user: ids.user,
      conversation: channelConversation,
      platform: 'discord',
    });
    expectAnswerEmbed(body.data.embeds?.[0], expected);
  });

  it('answers /help with the examples and /topics with the topics', async () => {
    const help = slashCommand('help');
    const topics = slashCommand('topics');
    fake.dispatch('INTERACTION_CREATE', help.payload);
    fake.dispatch('INTERACTION_CREATE', topics.payload);
    const [helpBody, topicsBody] = await Promise.all([
      callback(help.callbackPath),
      callback(topics.callbackPath),
    ]);

    const expectedHelp = await ask('help');
    const expectedTopics = await ask('topics');
    if (expectedHelp.kind !== 'builtin' || expectedTopics.kind !== 'builtin') throw new Error('precondition');
    expect(helpBody.type).toBe(4);
    expect(shown(helpBody.data.embeds?.[0]?.description)).toBe(expectedHelp.text);
    for (const example of expectedHelp.examples) {
      expect(shown(helpBody.data.embeds?.[0]?.fields?.[0]?.value)).toContain(example);
    }
    expect(topicsBody.type).toBe(4);
    expect(shown(topicsBody.data.embeds?.[0]?.description)).toBe(expectedTopics.text);
    expect(topicsBody.data.embeds?.[0]?.fields?.map((f) => shown(f.name))).toEqual(
      expectedTopics.topics
        .slice(0, 25)
        .map((g) =>
          new Set(expectedTopics.topics.map((t) => t.pack)).size > 1
            ? `${g.subject} (${g.packTitle})`
            : g.subject,
        ),
    );
  });

  it('replies to an @-mention without pinging anyone, even when the question says @everyone', async () => {
    const message = guildMessage(`<@${ids.bot}> @everyone who is Krasikov?`, { mentions: [botMention] });
    fake.dispatch('MESSAGE_CREATE', message);
    const body = await messageTo(ids.channel, (b) => b.message_reference?.message_id === message.id);

    expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expectAnswerEmbed(body.embeds?.[0], await ask('who is Krasikov?'));
    // The same conversation as /ask in this channel, so follow-ups keep their context either way.
    await expect
      .poll(() => logs.entries().find((e) => e.msg === 'discord: replied' && e.source === 'mention'))
      .toMatchObject({ conversation: channelConversation });
  });

  it('ignores bots, itself included, and guild messages that do not mention it', async () => {
    const fromBot = guildMessage(`<@${ids.bot}> who is Krasikov?`, {
      author: botAuthor,
      mentions: [botMention],
    });
    const fromSelf = guildMessage(`<@${ids.bot}> who is Krasikov?`, {
      author: selfAuthor,
      mentions: [botMention],
    });
    const unmentioned = guildMessage('who is Krasikov?');
    const marker = guildMessage(`<@${ids.bot}> where did the exchange take place?`, {
      mentions: [botMention],
    });
    for (const m of [fromBot, fromSelf, unmentioned, marker]) fake.dispatch('MESSAGE_CREATE', m);
    // Events are handled in order: once the last one is answered the others have been seen, and
    // once nothing is in flight, any reply to them would have been sent.
    await messageTo(ids.channel, (b) => b.message_reference?.message_id === marker.id);
    await until(() => adapter.inFlight === 0, 'the adapter to finish the messages');

    const answered = fake.requests
      .filter((r) => r.path === `/api/v10/channels/${ids.channel}/messages`)
      .map((r) => (r.body as MessageBody).message_reference?.message_id);
    for (const ignored of [fromBot, fromSelf, unmentioned]) expect(answered).not.toContain(ignored.id);
  });

  it('answers a DM directly, in its own conversation', async () => {
    const question = 'How many prisoners were exchanged?';
    fake.dispatch('MESSAGE_CREATE', directMessage(question));
    const body = await messageTo(ids.dmChannel);

    expect(body.allowed_mentions).toEqual({ parse: [], replied_user: false });
    expect(body.message_reference).toBeUndefined();
    expectAnswerEmbed(body.embeds?.[0], await ask(question, `discord:dm:${ids.dmChannel}`));
    await expect
      .poll(() => logs.entries().find((e) => e.msg === 'discord: replied' && e.source === 'dm'))
      .toMatchObject({ conversation: `discord:dm:${ids.dmChannel}` });
  });

  it('logs a failed reply without its token, and answers the next interaction', async () => {
    const expired = askCommand('Who is Vedim Krasikov?');
    const token = `expired-${expired.token}`;
    const good = askCommand('Who is Vedim Krasikov?');
    fake.dispatch('INTERACTION_CREATE', { ...expired.payload, token });
    fake.dispatch('INTERACTION_CREATE', good.payload);
    await callback(good.callbackPath);

    await expect
      .poll(() => logs.entries().find((e) => e.msg === 'discord: interaction failed'))
      .toMatchObject({
        error: { name: expect.stringContaining('DiscordAPIError'), status: 404, code: 10062 },
      });
    expect(logs.text()).not.toContain(token);
  });

  it('skips a malformed interaction without crashing and answers the next one', async () => {
    const rejections: unknown[] = [];
    const onRejection = (reason: unknown) => rejections.push(reason);
    process.on('unhandledRejection', onRejection);
    try {
      const bad = malformedCommand('Who is Vedim Krasikov?');
      const good = askCommand('Who is Vedim Krasikov?');
      fake.dispatch('INTERACTION_CREATE', bad.payload);
      fake.dispatch('INTERACTION_CREATE', good.payload);
      expectAnswerEmbed(
        (await callback(good.callbackPath)).data.embeds?.[0],
        await ask('Who is Vedim Krasikov?'),
      );

      expect(fake.requests.some((r) => r.path === bad.callbackPath)).toBe(false);
      expect(logs.entries()).toContainEqual(
        expect.objectContaining({ msg: 'discord: skipped a malformed event', event: 'INTERACTION_CREATE' }),
      );
      expect(rejections).toEqual([]);
    } finally {
      process.off('unhandledRejection', onRejection);
    }
  });
});

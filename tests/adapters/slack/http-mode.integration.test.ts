import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeCardRef, SHARE_ACTION_ID } from '../../../adapters/slack/card-action.js';
import { escapeMrkdwn } from '../../../adapters/slack/escape.js';
import { slackPlatform } from '../../../adapters/slack/platform.js';
import { createSlackAdapter, type SlackAdapter } from '../../../adapters/slack/slack-adapter.js';
import { type Bot, createBot } from '../../../src/bot/bot.js';
import type { Query } from '../../../src/bot/query.js';
import type { AnswerReply, Reply } from '../../../src/bot/reply.js';
import { readConfig } from '../../../src/config.js';
import { loadPacks } from '../../../src/knowledge/load-packs.js';
import { createLogger } from '../../../src/log.js';
import { until } from '../../support/until.js';
import { buttonsOf, textOf } from './support/blocks.js';
import {
  type ApiCall,
  BOT_TOKEN,
  BOT_USER,
  type FakeSlack,
  startFakeSlack,
  TEAM,
} from './support/fake-slack.js';
import { startHttpAdapter } from './support/http-adapter.js';
import {
  appMention,
  blockAction,
  directMessage,
  envelope,
  slashCommand,
  ts,
  uid,
} from './support/payloads.js';
import { handled } from './support/recorder.js';
import { postAction, postCommand, postEvent, SIGNING_SECRET } from './support/signed-request.js';

const real = createBot(loadPacks('knowledge'));
/** Every query the adapter hands to the core, to check texts and conversation ids. */
const queries: Query[] = [];
const bot: Bot = {
  ...real,
  ask: (query) => {
    queries.push(query);
    return real.ask(query);
  },
};
const logLines: string[] = [];

let fake: FakeSlack;
let adapter: SlackAdapter;
let url: string;

beforeAll(async () => {
  fake = await startFakeSlack();
  const logs = new Writable({
    write(chunk: Buffer, _enc, done) {
      logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
      done();
    },
  });
  ({ adapter, url } = await startHttpAdapter(bot, fake, createLogger('info', logs)));
});

afterAll(async () => {
  await adapter?.stop();
  await fake?.close();
});

async function answerOf(text: string): Promise<AnswerReply> {
  const reply = await real.ask({ text, user: 'U', conversation: 'c', platform: 'slack' });
  if (reply.kind !== 'answer') throw new Error(`the knowledge no longer answers "${text}"`);
  return reply;
}

function cardValue(reply: Pick<AnswerReply, 'card'>): string {
  return encodeCardRef(reply.card) ?? '';
}

const posts = (match: (c: ApiCall) => boolean) =>
  fake.calls.filter((c) => c.method === 'chat.postMessage' && match(c));
const postTo = (channel: string, what: string) =>
  fake.calls.waitFor((c) => c.method === 'chat.postMessage' && c.params.channel === channel, what);

describe('slash command', () => {
  it('acks at once and answers the asker ephemerally, with the citation and a share button', async () => {
    const question = 'who is Krasikov?';
    const expected = await answerOf(question);
    const id = uid('cmd');
    // The answer's delivery is held: the command must be acknowledged without waiting for it.
    const release = fake.hold(id);
    const sent = await postCommand(url, slashCommand({ text: question, responseUrl: fake.responseUrl(id) }));
    release();
    expect(sent.status).toBe(200);
    expect(sent.ms).toBeLessThan(3000);

    const { body } = await fake.responses.waitFor((r) => r.id === id, 'the command reply');
    expect(body.response_type).toBe('ephemeral');
    const text = textOf(body.blocks);
    expect(text).toContain(escapeMrkdwn(expected.text));
    expect(text).toContain(escapeMrkdwn(expected.citation.sourceTitle));
    expect(text).toContain(escapeMrkdwn(expected.citation.sentences[0] ?? '?'));
    expect(buttonsOf(body.blocks)).toContainEqual(
      expect.objectContaining({ action_id: SHARE_ACTION_ID, value: cardValue(expected) }),
    );
    expect(body.text).toContain(escapeMrkdwn(expected.text));
    expect(queries.at(-1)).toMatchObject({
      text: question,
      platform: 'slack',
      conversation: `slack:${TEAM}:C0GENERAL:user:U0ASKER`,
    });
  });

  it.each(['', 'help'])('shows help for "/ask %s"', async (text) => {
    const help = await real.ask({ text: 'help', user: 'U', conversation: 'c', platform: 'slack' });
    if (help.kind !== 'builtin') throw new Error('help is no longer a built-in');
    const id = uid('help');
    await postCommand(url, slashCommand({ text, responseUrl: fake.responseUrl(id) }));
    const { body } = await fake.responses.waitFor((r) => r.id === id, 'the help reply');
    const shown = textOf(body.blocks);
    expect(shown).toContain(escapeMrkdwn(help.text));
    expect(help.examples.length).toBeGreaterThan(0);
    for (const example of help.examples) expect(shown).toContain(escapeMrkdwn(example));
    expect(buttonsOf(body.blocks).map((b) => b.action_id)).not.toContain(SHARE_ACTION_ID);
  });

  it('lists topics by subject, each card a button', async () => {
    const topics = await real.ask({ text: 'topics', user: 'U', conversation: 'c', platform: 'slack' });
    if (topics.kind !== 'builtin') throw new Error('topics is no longer a built-in');
    const id = uid('topics');
    await postCommand(url, slashCommand({ text: 'topics', responseUrl: fake.responseUrl(id) }));
    const { body } = await fake.responses.waitFor((r) => r.id === id, 'the topics reply');
    const shown = textOf(body.blocks);
    const values = buttonsOf(body.blocks).map((b) => b.value);
    for (const group of topics.topics) {
      expect(shown).toContain(escapeMrkdwn(group.subject));
      for (const card of group.cards) expect(values).toContain(cardValue({ card }));
    }
  });

  it('escapes broadcasts and mentions typed into a question', async () => {
    const id = uid('inject');
    const question = '<!channel> <!here> @everyone <@U123> Tom & Jerry <https://evil.example|click>';
    await postCommand(url, slashCommand({ text: question, responseUrl: fake.responseUrl(id) }));
    const { body } = await fake.responses.waitFor((r) => r.id === id, 'the reply');
    const sent = JSON.stringify(body);
    for (const raw of ['<!channel>', '<!here>', '<@U123>', '@everyone', '<https://evil', ' & ']) {
      expect(sent).not.toContain(raw);
    }
    expect(textOf(body.blocks)).toContain('&lt;!channel&gt;');
    expect(textOf(body.blocks)).toContain('Tom &amp; Jerry');
  });

  it.each([
    ['a forged signature', { secret: 'not-the-secret' }],
    ['a stale timestamp', { timestamp: Math.floor(Date.now() / 1000) - 6 * 60 }],
  ])('refuses %s with 401 and answers nothing', async (_name, signing) => {
    const bad = uid('bad');
    const sent = await postCommand(
      url,
      slashCommand({ text: 'who is Krasikov?', responseUrl: fake.responseUrl(bad) }),
      signing,
    );
    expect(sent.status).toBe(401);
    // A correctly signed request sent after it is answered; by then the bad one would have been too.
    const good = uid('good');
    await postCommand(url, slashCommand({ text: 'who is Krasikov?', responseUrl: fake.responseUrl(good) }));
    await fake.responses.waitFor((r) => r.id === good, 'the good reply');
    await handled(adapter);
    expect(fake.responses.filter((r) => r.id === bad)).toEqual([]);
  });
});

describe('mentions and DMs', () => {
  it('answers a mention in its thread, and a follow-up there in the same conversation', async () => {
    const channel = uid('C');
    const root = ts();
    const first = await answerOf('who is Krasikov?');
    await postEvent(
      url,
      envelope(appMention({ text: `<@${BOT_USER}> who is Krasikov?`, channel, ts: root })),
    );
    const reply = await postTo(channel, 'the mention reply');
    expect(reply.params.thread_ts).toBe(root);
    expect(reply.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    expect(textOf(reply.blocks)).toContain(escapeMrkdwn(first.text));
    const asked = queries.at(-1);
    expect(asked?.text).toBe('who is Krasikov?');
    expect(asked?.conversation).toBe(`slack:${TEAM}:${channel}:${root}`);

    const second = await answerOf('Where did the exchange take place?');
    await postEvent(
      url,
      envelope(
        appMention({
          text: `<@${BOT_USER}> Where did the exchange take place?`,
          channel,
          ts: ts(),
          threadTs: root,
        }),
      ),
    );
    const followUp = await fake.calls.waitFor(
      (c) => c.method === 'chat.postMessage' && c.params.channel === channel && c !== reply,
      'the follow-up reply',
    );
    expect(followUp.params.thread_ts).toBe(root);
    expect(textOf(followUp.blocks)).toContain(escapeMrkdwn(second.text));
    expect(queries.at(-1)?.conversation).toBe(asked?.conversation);
  });

  it('answers a DM directly, the DM channel being the conversation', async () => {
    const channel = uid('D');
    const expected = await answerOf('how many prisoners were exchanged');
    await postEvent(
      url,
      envelope(directMessage({ text: 'how many prisoners were exchanged', channel, ts: ts() })),
    );
    const reply = await postTo(channel, 'the DM reply');
    expect(reply.params.thread_ts).toBeUndefined();
    expect(textOf(reply.blocks)).toContain(escapeMrkdwn(expected.text));
    expect(queries.at(-1)?.conversation).toBe(`slack:${TEAM}:${channel}`);
  });

  it('ignores other bots, itself, edits and other message subtypes', async () => {
    const channel = uid('D');
    const question = 'who is Krasikov?';
    const ignored = [
      { ...directMessage({ text: question, channel, ts: ts() }), bot_id: 'B0OTHER' },
      { ...directMessage({ text: question, channel, ts: ts(), user: BOT_USER }), bot_id: 'B0BOT' },
      { ...directMessage({ text: question, channel, ts: ts() }), subtype: 'bot_message', bot_id: 'B0OTHER' },
      { ...directMessage({ text: question, channel, ts: ts() }), subtype: 'message_changed' },
      { ...directMessage({ text: question, channel, ts: ts() }), subtype: 'channel_join' },
      {
        ...appMention({ text: `<@${BOT_USER}> ${question}`, channel: uid('C'), ts: ts() }),
        bot_id: 'B0OTHER',
      },
    ];
    for (const event of ignored) expect((await postEvent(url, envelope(event))).status).toBe(200);
    const sentinel = uid('D');
    await postEvent(url, envelope(directMessage({ text: question, channel: sentinel, ts: ts() })));
    await postTo(sentinel, 'the sentinel reply');
    await handled(adapter);
    expect(posts((c) => c.params.channel === channel)).toEqual([]);
    expect(posts((c) => c.params.channel === ignored[5]?.channel)).toEqual([]);
  });

  it('answers a retried event once', async () => {
    const channel = uid('C');
    const event = envelope(appMention({ text: `<@${BOT_USER}> who is Krasikov?`, channel, ts: ts() }));
    await postEvent(url, event);
    await postTo(channel, 'the first reply');
    const retry = await postEvent(url, event, {
      'x-slack-retry-num': '1',
      'x-slack-retry-reason': 'http_timeout',
    });
    expect(retry.status).toBe(200);
    const sentinel = uid('C');
    await postEvent(
      url,
      envelope(appMention({ text: `<@${BOT_USER}> who is Krasikov?`, channel: sentinel, ts: ts() })),
    );
    await postTo(sentinel, 'the sentinel reply');
    await handled(adapter);
    expect(posts((c) => c.params.channel === channel)).toHaveLength(1);
  });
});

describe('buttons', () => {
  const chosen = async (): Promise<AnswerReply> => {
    const { card } = await answerOf('Where did the exchange take place?');
    const reply: Reply = await real.ask({
      intent: { pack: card.pack, card: card.card },
      user: 'U',
      conversation: 'c',
      platform: 'slack',
    });
    if (reply.kind !== 'answer') throw new Error('choose no longer answers a known card');
    return reply;
  };

  it('answers the chosen card privately when clicked on an ephemeral reply', async () => {
    const card = await chosen();
    const id = uid('click');
    const sent = await postAction(
      url,
      blockAction({
        actionId: 'factdesk_card:0',
        value: cardValue(card),
        label: card.card.title,
        responseUrl: fake.responseUrl(id),
        channel: 'C0GENERAL',
        ephemeral: true,
      }),
    );
    expect(sent.status).toBe(200);
    const { body } = await fake.responses.waitFor((r) => r.id === id, 'the chosen card');
    expect(body.response_type).toBe('ephemeral');
    expect(body.replace_original).toBe(false);
    expect(textOf(body.blocks)).toContain(escapeMrkdwn(card.text));
    expect(buttonsOf(body.blocks).map((b) => b.action_id)).toContain(SHARE_ACTION_ID);
    expect(queries.at(-1)).toMatchObject({
      user: 'U0CLICKER',
      conversation: `slack:${TEAM}:C0GENERAL:user:U0CLICKER`,
    });
  });

  it('answers the chosen card in the thread when clicked on a threaded reply', async () => {
    const card = await chosen();
    const channel = uid('C');
    const root = ts();
    const id = uid('click');
    await postAction(
      url,
      blockAction({
        actionId: 'factdesk_card:3',
        value: cardValue(card),
        responseUrl: fake.responseUrl(id),
        channel,
        threadTs: root,
      }),
    );
    const reply = await postTo(channel, 'the threaded card');
    expect(reply.params.thread_ts).toBe(root);
    expect(textOf(reply.blocks)).toContain(escapeMrkdwn(card.text));
    expect(queries.at(-1)?.conversation).toBe(`slack:${TEAM}:${channel}:${root}`);
  });

  it('shares an answer in the channel, then removes the private copy', async () => {
    const card = await chosen();
    const id = uid('share');
    await postAction(
      url,
      blockAction({
        actionId: SHARE_ACTION_ID,
        value: cardValue(card),
        responseUrl: fake.responseUrl(id),
        channel: 'C0GENERAL',
        ephemeral: true,
        user: 'U0SHARER',
      }),
    );
    await fake.responses.waitFor((r) => r.id === id && r.body.delete_original === true, 'the delete');
    await handled(adapter);
    const [shared, removed, ...rest] = fake.responses.filter((r) => r.id === id);
    expect(rest).toEqual([]);
    expect(shared?.body.response_type).toBe('in_channel');
    expect(textOf(shared?.body.blocks)).toContain(escapeMrkdwn(card.text));
    expect(textOf(shared?.body.blocks)).toContain('<@U0SHARER>');
    expect(buttonsOf(shared?.body.blocks).map((b) => b.action_id)).not.toContain(SHARE_ACTION_ID);
    expect(removed?.body).toEqual({ delete_original: true });
  });

  it('ignores a button whose value is not a card reference', async () => {
    const id = uid('junk');
    const sent = await postAction(
      url,
      blockAction({
        actionId: 'factdesk_card:0',
        value: '{"nope":1}',
        responseUrl: fake.responseUrl(id),
        channel: 'C0X',
        ephemeral: true,
      }),
    );
    expect(sent.status).toBe(200);
    await handled(adapter);
    expect(fake.responses.filter((r) => r.id === id)).toEqual([]);
  });
});

describe('logs', () => {
  it('record conversation, card, confidence and latency, never the token or the question', async () => {
    const channel = uid('D');
    const question = 'who is Krasikov? my-secret-question-marker';
    await postEvent(url, envelope(directMessage({ text: question, channel, ts: ts() })));
    await postTo(channel, 'the DM reply');
    // The line is written once the reply is delivered, which the fake sees a moment before.
    await until(() => logLines.some((l) => l.includes(`slack:${TEAM}:${channel}`)), 'the answer log line');
    const entry = logLines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.conversation === `slack:${TEAM}:${channel}`);
    const expected = await real.ask({ text: question, user: 'U', conversation: 'c', platform: 'slack' });
    expect(entry).toMatchObject({ platform: 'slack', source: 'dm', reply: expected.kind });
    expect(entry?.card).toBe(
      expected.kind === 'answer' ? `${expected.card.pack}/${expected.card.card}` : null,
    );
    expect(typeof entry?.latencyMs).toBe('number');
    const all = logLines.join('\n');
    expect(all).not.toContain(BOT_TOKEN);
    expect(all).not.toContain(SIGNING_SECRET);
    expect(all).not.toContain('my-secret-question-marker');
  });
});

describe('failures', () => {
  it('logs a failed delivery by its error message only, and keeps serving', async () => {
    const id = uid('expired');
    await postCommand(
      url,
      slashCommand({ text: 'who is Krasikov? expired-marker', responseUrl: fake.responseUrl(id) }),
    );
    await fake.responses.waitFor((r) => r.id === id, 'the failed delivery');
    await until(() => logLines.some((l) => l.includes('slack listener failed')), 'the failure log line');
    const failure = logLines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.msg === 'slack listener failed');
    expect(String(failure?.err)).toContain('404');
    expect(logLines.join('\n')).not.toContain('expired-marker');
    const next = uid('after');
    await postCommand(url, slashCommand({ text: 'help', responseUrl: fake.responseUrl(next) }));
    await fake.responses.waitFor((r) => r.id === next, 'the next reply');
  });
});

describe('start-up', () => {
  it('fails with the Web API error when the token is refused', async () => {
    const refused = createSlackAdapter({
      bot,
      config: readConfig({ SLACK_BOT_TOKEN: 'xoxb-revoked', SLACK_SIGNING_SECRET: SIGNING_SECRET }, [
        slackPlatform,
      ]),
      logger: createLogger('silent'),
      clientOptions: { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } },
      listen: { port: 0, host: '127.0.0.1' },
    });
    await expect(refused.start()).rejects.toThrow(/invalid_auth/);
    expect(refused.address()).toBeUndefined();
    await refused.stop();
  });
});

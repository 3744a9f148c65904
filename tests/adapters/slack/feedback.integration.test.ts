import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeCardRef } from '../../../adapters/slack/card-action.js';
import {
  FEEDBACK_ACTION_ID,
  REASON_VIEW_ID,
  VOTE_ACTION_IDS,
} from '../../../adapters/slack/feedback-blocks.js';
import type { SlackAdapter } from '../../../adapters/slack/slack-adapter.js';
import { createBot } from '../../../src/bot/bot.js';
import { FEEDBACK_THANKS, MAX_REASON_LENGTH } from '../../../src/bot/feedback.js';
import { withExchangeLog } from '../../../src/bot/logged-bot.js';
import type { LogEntry } from '../../../src/exchange-log/entries.js';
import { createExchangeStore } from '../../../src/exchange-log/store.js';
import { createExchangeWriter, type ExchangeWriter } from '../../../src/exchange-log/writer.js';
import { loadPacks } from '../../../src/knowledge/load-packs.js';
import { createLogger } from '../../../src/log.js';
import { readRows, type TestTarget, testTarget } from '../../exchange-log/support/targets.js';
import { buttonsOf } from './support/blocks.js';
import { type FakeSlack, startFakeSlack, TEAM } from './support/fake-slack.js';
import { startHttpAdapter } from './support/http-adapter.js';
import { appMention, blockAction, envelope, slashCommand, ts, uid } from './support/payloads.js';
import { handled } from './support/recorder.js';
import { postAction, postCommand, postEvent } from './support/signed-request.js';

/**
 * 👍/👎 in Slack, through the real Bolt against the fake Web API, into a real SQLite log: what
 * the asker sees, what the log keeps, and what a forged click cannot write.
 */
const packs = loadPacks('knowledge');
const entries: LogEntry[] = [];
const logLines: string[] = [];
let made: TestTarget;
let writer: ExchangeWriter;
let fake: FakeSlack;
let adapter: SlackAdapter;
let url: string;

beforeAll(async () => {
  made = await testTarget('sqlite');
  const logger = createLogger(
    'info',
    new Writable({
      write(chunk: Buffer, _enc, done) {
        logLines.push(...chunk.toString('utf8').split('\n').filter(Boolean));
        done();
      },
    }),
  );
  writer = createExchangeWriter({ store: createExchangeStore(made.target), logger, retentionDays: 30 });
  const bot = withExchangeLog(
    createBot(packs),
    {
      record: (entry) => {
        entries.push(entry);
        writer.record(entry);
      },
    },
    { logQuestions: true },
  );
  fake = await startFakeSlack();
  ({ adapter, url } = await startHttpAdapter(bot, fake, logger));
});

afterAll(async () => {
  await adapter?.stop();
  await fake?.close();
  await writer?.stop();
  await made?.drop();
});

const votesSoFar = () => entries.filter((e) => e.type === 'vote').length;
/** The log as written, once `count` votes have reached the bot. */
async function logAfterVotes(count: number) {
  await expect.poll(votesSoFar).toBe(count);
  await writer.flush();
  return readRows(made.target);
}

/** Asks with /ask as U0ASKER; resolves with the ephemeral reply's body. */
async function command(text: string) {
  const id = uid('fb');
  await postCommand(url, slashCommand({ text, responseUrl: fake.responseUrl(id) }));
  return { id, body: (await fake.responses.waitFor((r) => r.id === id, 'the reply')).body };
}

function feedbackButtonsClick(
  value: string,
  user: string,
  channel: string,
  responseUrl: string,
  triggerId = '1.2.3',
) {
  const payload = blockAction({ actionId: FEEDBACK_ACTION_ID, value, responseUrl, channel, user });
  return {
    ...payload,
    trigger_id: triggerId,
    actions: [
      {
        type: 'feedback_buttons',
        action_id: FEEDBACK_ACTION_ID,
        block_id: 'fb',
        value,
        text: { type: 'plain_text', text: '👎' },
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  };
}

function reasonSubmission(exchange: string, user: string, reason: string) {
  return {
    type: 'view_submission',
    team: { id: TEAM, domain: 'test' },
    user: { id: user, name: 'someone', team_id: TEAM },
    api_app_id: 'A0APP',
    token: 'legacy-verification-token',
    trigger_id: '4.5.6',
    view: {
      id: 'V0FORM',
      team_id: TEAM,
      type: 'modal',
      callback_id: REASON_VIEW_ID,
      private_metadata: exchange,
      hash: 'h',
      title: { type: 'plain_text', text: 'Thanks — noted' },
      blocks: [],
      state: { values: { reason: { reason: { type: 'plain_text_input', value: reason } } } },
    },
  };
}

describe('Slack feedback', () => {
  it('puts 👍/👎 buttons under an ephemeral answer; a click is acknowledged to the clicker alone', async () => {
    const { body } = await command('who is Krasikov?');
    const buttons = buttonsOf(body.blocks);
    const up = buttons.find((b) => b.action_id === VOTE_ACTION_IDS.up);
    const down = buttons.find((b) => b.action_id === VOTE_ACTION_IDS.down);
    expect(up?.value).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(down?.value).toBe(up?.value);

    const ack = uid('ack');
    await postAction(
      url,
      blockAction({
        actionId: VOTE_ACTION_IDS.up,
        value: up?.value ?? '',
        responseUrl: fake.responseUrl(ack),
        channel: 'C0GENERAL',
        user: 'U0ASKER',
        ephemeral: true,
      }),
    );
    const { body: thanks } = await fake.responses.waitFor((r) => r.id === ack, 'the acknowledgement');
    // Acknowledged, and the answer is not posted again.
    expect(thanks).toEqual({ response_type: 'ephemeral', replace_original: false, text: FEEDBACK_THANKS });
    const log = await logAfterVotes(1);
    expect(log.feedback).toMatchObject([{ exchange_id: up?.value, vote: 'up' }]);
  });

  it("refuses a forged click on another user's private answer, and one naming no answer", async () => {
    const { body } = await command('where did the swap take place?');
    const exchange = buttonsOf(body.blocks).find((b) => b.action_id === VOTE_ACTION_IDS.down)?.value ?? '';
    const before = votesSoFar();
    for (const value of [exchange, 'AAAAAAAAAAAAAAAA']) {
      await postAction(
        url,
        blockAction({
          actionId: VOTE_ACTION_IDS.up,
          value,
          responseUrl: fake.responseUrl(uid('forged')),
          channel: 'C0GENERAL',
          user: 'U0MALLORY',
          ephemeral: true,
        }),
      );
    }
    // A value this bot never made is not even a vote.
    await postAction(
      url,
      blockAction({
        actionId: VOTE_ACTION_IDS.up,
        value: '<script>',
        responseUrl: fake.responseUrl(uid('x')),
        channel: 'C0GENERAL',
      }),
    );
    const log = await logAfterVotes(before + 2);
    expect(
      log.feedback.filter((f) => f.exchange_id === exchange || f.exchange_id === 'AAAAAAAAAAAAAAAA'),
    ).toEqual([]);
    await expect.poll(() => logLines.some((l) => l.includes('unreadable feedback value'))).toBe(true);
  });

  it('puts feedback_buttons under a thread answer; a 👎 opens the form, whose reason is kept, cut', async () => {
    const channel = 'C0THREADS';
    const threadTs = ts();
    await postEvent(url, envelope(appMention({ text: '<@U0BOT> who is Krasikov?', channel, ts: threadTs })));
    const posted = await fake.calls.waitFor(
      (c) => c.method === 'chat.postMessage' && c.params.channel === channel,
      'the thread answer',
    );
    const block = posted.blocks.find((b) => (b as { type?: string }).type === 'context_actions') as
      | { elements: Array<{ type: string; action_id: string; negative_button: { value: string } }> }
      | undefined;
    expect(block?.elements[0]).toMatchObject({ type: 'feedback_buttons', action_id: FEEDBACK_ACTION_ID });
    const downValue = block?.elements[0]?.negative_button.value ?? '';
    const exchange = downValue.replace(/^down:/, '');

    // Shared in a thread: another reader may vote too.
    const before = votesSoFar();
    const responseId = uid('down');
    await postAction(url, feedbackButtonsClick(downValue, 'U0READER', channel, fake.responseUrl(responseId)));
    const opened = await fake.calls.waitFor((c) => c.method === 'views.open', 'the form');
    expect(opened.params.trigger_id).toBe('1.2.3');
    expect(JSON.parse(opened.params.view ?? '{}')).toMatchObject({
      callback_id: REASON_VIEW_ID,
      private_metadata: exchange,
    });
    await postAction(
      url,
      reasonSubmission(exchange, 'U0READER', `the picture is wrong ${'x'.repeat(100_000)}`),
    );
    const log = await logAfterVotes(before + 2);
    const vote = log.feedback.find((f) => f.exchange_id === exchange);
    expect(vote).toMatchObject({ vote: 'down' });
    expect(vote?.reason?.startsWith('the picture is wrong')).toBe(true);
    expect([...(vote?.reason ?? '')]).toHaveLength(MAX_REASON_LENGTH);
    // The form is the acknowledgement: nothing else was sent to the clicker.
    await handled(adapter);
    expect(fake.responses.filter((r) => r.id === responseId)).toEqual([]);
  });

  it('acknowledges a 👎 in words when the form cannot open', async () => {
    const { body } = await command('who is Krasikov?');
    const exchange = buttonsOf(body.blocks).find((b) => b.action_id === VOTE_ACTION_IDS.down)?.value ?? '';
    const responseId = uid('late');
    await postAction(url, {
      ...blockAction({
        actionId: VOTE_ACTION_IDS.down,
        value: exchange,
        responseUrl: fake.responseUrl(responseId),
        channel: 'C0GENERAL',
        user: 'U0ASKER',
        ephemeral: true,
      }),
      trigger_id: 'expired.1',
    });
    const { body: thanks } = await fake.responses.waitFor((r) => r.id === responseId, 'the acknowledgement');
    expect(thanks).toMatchObject({ text: FEEDBACK_THANKS });
  });

  it('names the reply a suggestion was picked from, so the log ties the pick to its question', async () => {
    const { body } = await command('what is the capital of Australia?');
    const suggestion = buttonsOf(body.blocks).find((b) => b.action_id.startsWith('factdesk_card:'));
    const ref = decodeCardRef(suggestion?.value);
    expect(ref?.from).toMatch(/^[A-Za-z0-9_-]{16}$/);
    const picked = uid('pick');
    await postAction(
      url,
      blockAction({
        actionId: suggestion?.action_id ?? '',
        value: suggestion?.value ?? '',
        responseUrl: fake.responseUrl(picked),
        channel: 'C0GENERAL',
        user: 'U0ASKER',
        ephemeral: true,
      }),
    );
    await fake.responses.waitFor((r) => r.id === picked, 'the picked card');
    const pick = entries.find((e) => e.type === 'exchange' && e.entry.pickedFrom === ref?.from);
    expect(pick).toMatchObject({ entry: { via: 'card', card: ref?.card, user: 'U0ASKER' } });
  });
});

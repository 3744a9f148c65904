import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SHARE_ACTION_ID } from '../../../adapters/slack/card-action.js';
import { escapeMrkdwn } from '../../../adapters/slack/escape.js';
import { SLACK_LIMITS } from '../../../adapters/slack/limits.js';
import { renderReply, type SlackMessage } from '../../../adapters/slack/render-blocks.js';
import { createBot } from '../../../src/bot/bot.js';
import type { AnswerReply, BuiltinReply, CardChoice, Reply } from '../../../src/bot/reply.js';
import { loadPacks } from '../../../src/knowledge/load-packs.js';
import { blockTypes, buttonsOf, textOf } from './support/blocks.js';

const choice = (card: string, title = `Title of ${card}`): CardChoice => ({ pack: 'pk', card, title });

const answer = (over: Partial<AnswerReply> = {}): AnswerReply => ({
  kind: 'answer',
  card: choice('main', 'Main card'),
  text: 'The answer.',
  confidence: 0.9,
  citation: { sourceTitle: 'The Source', sentences: ['First sentence.', 'Second sentence.'] },
  suggestions: [],
  related: [],
  ...over,
});

/** Every limit Slack enforces on a message, checked on what the renderer produced. */
function expectWithinLimits(message: SlackMessage): void {
  expect(message.text.length).toBeLessThanOrEqual(SLACK_LIMITS.messageText);
  expect(message.text.length).toBeGreaterThan(0);
  expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
  const actionIds = new Set<string>();
  for (const block of message.blocks) {
    if (block.type === 'section') {
      expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(SLACK_LIMITS.textObject);
      expect(block.text?.text.length ?? 0).toBeGreaterThan(0);
    } else if (block.type === 'context') {
      expect(block.elements.length).toBeLessThanOrEqual(SLACK_LIMITS.contextElements);
      for (const el of block.elements) {
        if ('text' in el) expect(el.text.length).toBeLessThanOrEqual(SLACK_LIMITS.textObject);
      }
    } else if (block.type === 'actions') {
      expect(block.elements.length).toBeGreaterThan(0);
      expect(block.elements.length).toBeLessThanOrEqual(SLACK_LIMITS.actionsElements);
    } else {
      throw new Error(`unexpected block type ${block.type}`);
    }
  }
  for (const button of buttonsOf(message.blocks)) {
    expect(button.text.length).toBeLessThanOrEqual(SLACK_LIMITS.buttonText);
    expect(button.value.length).toBeLessThanOrEqual(SLACK_LIMITS.actionValue);
    expect(button.action_id.length).toBeLessThanOrEqual(SLACK_LIMITS.actionId);
    expect(actionIds.has(button.action_id)).toBe(false);
    actionIds.add(button.action_id);
  }
}

describe('renderReply: answers', () => {
  it('shows the card, then its citation as a context block', () => {
    const message = renderReply(answer());
    expect(blockTypes(message.blocks)).toEqual(['section', 'context']);
    expect(textOf(message.blocks.slice(0, 1))).toBe('*Main card*\nThe answer.');
    const citation = textOf(message.blocks.slice(1));
    expect(citation).toContain('The Source');
    expect(citation).toContain('“First sentence.”');
    expect(citation).toContain('“Second sentence.”');
    expect(message.text).toBe('Main card: The answer.');
  });

  it('links the source when it has a url', () => {
    const message = renderReply(
      answer({ citation: { sourceTitle: 'S', sentences: ['x'], url: 'https://news.example/a' } }),
    );
    expect(textOf(message.blocks)).toContain('<https://news.example/a|_S_>');
  });

  it('offers a share button only when asked to', () => {
    expect(buttonsOf(renderReply(answer()).blocks)).toEqual([]);
    const shared = buttonsOf(renderReply(answer(), { shareable: true }).blocks);
    expect(shared).toEqual([
      { action_id: SHARE_ACTION_ID, value: '{"pack":"pk","card":"main"}', text: 'Share in channel' },
    ]);
  });

  it('labels suggestions and related cards, without repeating a card', () => {
    const message = renderReply(
      answer({ suggestions: [choice('s1'), choice('main')], related: [choice('r1'), choice('s1')] }),
    );
    const shown = textOf(message.blocks);
    expect(shown).toContain('Did you mean:');
    expect(shown).toContain('Related:');
    expect(buttonsOf(message.blocks).map((b) => JSON.parse(b.value).card)).toEqual(['s1', 'r1']);
    expect(buttonsOf(message.blocks).map((b) => b.action_id)).toEqual(['factdesk_card:0', 'factdesk_card:1']);
  });

  it('warns when the card is past its review date', () => {
    expect(textOf(renderReply(answer({ staleSince: '2024-01-01' })).blocks)).toContain(
      'due for review on 2024-01-01',
    );
  });

  it('escapes card text, titles and the source, and echoes the question escaped', () => {
    const hostile = '<!channel> <@U123> @everyone & <https://x.example|y>';
    const message = renderReply(
      answer({
        card: choice('main', hostile),
        text: hostile,
        citation: { sourceTitle: hostile, sentences: [hostile] },
      }),
      { question: hostile },
    );
    const sent = JSON.stringify(message);
    for (const raw of ['<!channel>', '<@U123>', '@everyone', '<https://x', ' & '])
      expect(sent).not.toContain(raw);
    expect(textOf(message.blocks)).toContain(`*You asked:* ${escapeMrkdwn(hostile)}`);
  });

  it('credits a sharer by a well-formed user id only', () => {
    expect(textOf(renderReply(answer(), { sharedBy: 'U0ABC' }).blocks)).toContain('Shared by <@U0ABC>');
    expect(textOf(renderReply(answer(), { sharedBy: '!channel' }).blocks)).not.toContain('Shared by');
  });
});

describe('renderReply: other replies', () => {
  const bot = createBot(loadPacks('knowledge'));
  const ask = (text: string): Promise<Reply> =>
    bot.ask({ text, user: 'U', conversation: 'c', platform: 'slack' });

  it('renders help with its examples', async () => {
    const help = (await ask('help')) as BuiltinReply;
    const message = renderReply(help, { question: 'help' });
    expect(textOf(message.blocks)).not.toContain('You asked');
    for (const example of help.examples)
      expect(textOf(message.blocks)).toContain(`• ${escapeMrkdwn(example)}`);
    expectWithinLimits(message);
  });

  it('renders topics grouped by subject with one button per card', async () => {
    const topics = (await ask('topics')) as BuiltinReply;
    const message = renderReply(topics);
    const cards = topics.topics.flatMap((g) => g.cards);
    expect(buttonsOf(message.blocks)).toHaveLength(cards.length);
    for (const g of topics.topics) expect(textOf(message.blocks)).toContain(`${escapeMrkdwn(g.subject)}*`);
    expectWithinLimits(message);
  });

  it('renders no-match with its suggestions as buttons', async () => {
    const reply = await ask('what is the best pizza topping?');
    expect(reply.kind).toBe('no-match');
    if (reply.kind !== 'no-match') return;
    const message = renderReply(reply, { question: 'what is the best pizza topping?' });
    expect(textOf(message.blocks)).toContain(escapeMrkdwn(reply.text));
    expect(buttonsOf(message.blocks).map((b) => b.text)).toEqual(
      reply.suggestions.map((s) => s.title.slice(0, SLACK_LIMITS.buttonText)),
    );
    expectWithinLimits(message);
  });

  it('renders an invalid question as its message alone', async () => {
    const reply = await ask('x'.repeat(5000));
    expect(reply.kind).toBe('invalid');
    const message = renderReply(reply, { question: 'x'.repeat(5000) });
    expect(blockTypes(message.blocks)).toEqual(['context', 'section']);
    expectWithinLimits(message);
  });
});

describe('renderReply: limits', () => {
  it('keeps huge answers, titles, citations and lists within every limit', () => {
    const many = (n: number, prefix: string) =>
      Array.from({ length: n }, (_, i) => choice(`${prefix}${i}`, 'T'.repeat(200)));
    const message = renderReply(
      answer({
        card: choice('main', '&'.repeat(5000)),
        text: '<'.repeat(50_000),
        citation: {
          sourceTitle: 'S'.repeat(5000),
          sentences: Array.from({ length: 30 }, () => '>'.repeat(4000)),
          url: 'https://e.example',
        },
        suggestions: many(60, 's'),
        related: many(60, 'r'),
      }),
      { question: '&'.repeat(5000), shareable: true, sharedBy: 'U1' },
    );
    expectWithinLimits(message);
    expect(buttonsOf(message.blocks).map((b) => b.action_id)).toContain(SHARE_ACTION_ID);
  });

  it('cuts a topic list of many packs at 50 blocks and says more exists', () => {
    const topics: BuiltinReply = {
      kind: 'builtin',
      intent: 'topics',
      text: 'Topics:',
      examples: [],
      suggestions: [],
      topics: Array.from({ length: 40 }, (_, i) => ({
        pack: `p${i}`,
        packTitle: `Pack ${i}`,
        subject: `Subject ${i}`,
        cards: Array.from({ length: 30 }, (_, j) => ({ pack: `p${i}`, card: `c${j}`, title: `Card ${j}` })),
      })),
    };
    const message = renderReply(topics);
    expect(message.blocks).toHaveLength(SLACK_LIMITS.blocksPerMessage);
    expect(textOf(message.blocks.slice(-1))).toContain('More is available');
    expect(textOf(message.blocks)).toContain('*Pack 0: Subject 0*');
    expectWithinLimits(message);
  });

  it('holds for any reply (property)', () => {
    const text = fc.string({ unit: 'grapheme-composite', maxLength: 4000 });
    const arbChoice = fc.record({
      pack: fc.string({ minLength: 1, maxLength: 30 }),
      card: fc.string({ minLength: 1, maxLength: 1200 }),
      title: fc.string({ minLength: 1, maxLength: 200 }),
    });
    const choices = fc.array(arbChoice, { maxLength: 40 });
    const reply: fc.Arbitrary<Reply> = fc.oneof(
      fc.record({
        kind: fc.constant('answer' as const),
        card: arbChoice,
        text: text.filter((t) => t.trim().length > 0),
        confidence: fc.double({ min: 0, max: 1, noNaN: true }),
        citation: fc.record({ sourceTitle: text, sentences: fc.array(text, { maxLength: 15 }) }),
        suggestions: choices,
        related: choices,
      }),
      fc.record({
        kind: fc.constant('no-match' as const),
        text: text.filter((t) => t.trim().length > 0),
        confidence: fc.constant(0),
        suggestions: choices,
      }),
    );
    fc.assert(
      fc.property(reply, fc.option(text, { nil: undefined }), fc.boolean(), (r, question, shareable) => {
        expectWithinLimits(renderReply(r, { ...(question !== undefined ? { question } : {}), shareable }));
      }),
      { numRuns: 150 },
    );
  });
});

describe('user text in a reply', () => {
  it('is always escaped: the echoed question holds no live <…> and no bare & (property)', () => {
    const reply: Reply = { kind: 'invalid', reason: 'too-long', text: 'That message is too long for me.' };
    // Plenty of the characters that matter to mrkdwn, among any others.
    const question = fc.string({
      unit: fc.oneof(
        fc.constantFrom('<', '>', '&', '!', '@', '|', '#', '^', 'channel', 'here'),
        fc.string({ unit: 'binary', maxLength: 1 }),
      ),
      maxLength: 600,
    });
    fc.assert(
      fc.property(question, (q) => {
        const message = renderReply(reply, { question: q });
        const echo = textOf(message.blocks.slice(0, 1));
        expect(echo).not.toMatch(/[<>]/);
        expect(echo).not.toMatch(/&(?!(amp|lt|gt);)/);
        expect(echo).not.toMatch(/@(channel|here|everyone)\b/i);
      }),
      { numRuns: 300 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { toJsonLine } from '../../../adapters/console/json-line.js';
import { numberedChoices } from '../../../adapters/console/render.js';
import { createBot } from '../../../src/bot/bot.js';
import { loadPacks } from '../../../src/knowledge/load-packs.js';
import { chat as chatWith } from './support/chat.js';

const packs = loadPacks('knowledge');
const bot = createBot(packs);
const ask = (text: string, conversation = 'c') =>
  bot.ask({ text, user: 'x', conversation, platform: 'console' });

const chat = (lines: string[]) => chatWith(bot, lines);

describe('console adapter', () => {
  it('answers piped questions one per line and finishes at end of input', async () => {
    const out = await chat(['Who is Krasikov?', 'Where did the swap take place?']);
    const first = await ask('Who is Krasikov?', 'y');
    const second = await ask('Where did the swap take place?', 'z');
    expect(out).toContain(first.text);
    expect(out).toContain(second.text);
    expect(out).toContain('Source:');
  });

  it('picks a numbered choice from the previous reply', async () => {
    const reply = await ask('Who is Krasikov?', 'y');
    const picked = numberedChoices(reply)[0];
    if (!picked) throw new Error('expected choices after an answer');
    const card = packs.flatMap((p) => p.cards).find((c) => c.id === picked.card);
    const out = await chat(['Who is Krasikov?', '1']);
    expect(out).toContain(card?.answer);
  });

  it('keeps the choices through a reply that offers none ("ok", a blank line), and says when a number picks nothing', async () => {
    const reply = await ask('Who is Krasikov?', 'y');
    const choices = numberedChoices(reply);
    const second = choices[1];
    if (!second) throw new Error('expected two choices after an answer');
    const card = packs.flatMap((p) => p.cards).find((c) => c.id === second.card);
    const out = await chat(['Who is Krasikov?', 'ok', '2', String(choices.length + 5)]);
    expect(out).toContain(card?.answer);
    expect(out).toContain(`There is no choice ${choices.length + 5}: pick 1 to `);
  });
});

describe('toJsonLine', () => {
  it('marks only card answers as matched', async () => {
    const q = 'Who is Krasikov?';
    const answered = toJsonLine(q, await ask(q));
    expect(Object.keys(answered)).toEqual([
      'question',
      'matched',
      'card',
      'confidence',
      'answer',
      'suggestions',
    ]);
    expect(answered).toMatchObject({ question: q, matched: true });
    expect(typeof answered.card).toBe('string');
    const help = toJsonLine('help', await ask('help', 'c'));
    expect(help).toMatchObject({ matched: false, card: null });
  });
});

import { describe, expect, it } from 'vitest';
import { createBot } from '../../src/bot/bot.js';
import { parsePack } from '../../src/knowledge/parse-pack.js';
import { answeredCard } from '../support/answered-card.js';

/**
 * A pack on its first day, as a newcomer writes it: three cards, three example questions each,
 * none of them asking "who", "how many" or "when". The facts are in the answers and sources,
 * and direct questions about them must find their card from there. (At the shipped threshold
 * most of them still fall just short of an answer: see the README's cold-start figures.) A
 * made-up story, so that no word list of the matcher can know it.
 */
const SOURCE = `Riverside Bakery closes after 40 years. Maria Okafor, who founded Riverside Bakery in Dunmore in 1985, will close the shop on Saturday 14 March. The bakery employs 12 people, who will each receive three months' pay. Okafor said rising flour prices and a rent increase of €2,000 a month made the business impossible to keep going.`;

const PACK = `id: bakery
title: Riverside Bakery closes
source: { file: source.txt, title: "Riverside Bakery closes after 40 years" }
subjects:
  - id: okafor
    name: Maria Okafor
    aliases: [Okafor, the founder]
  - id: bakery
    name: Riverside Bakery
    general: true
    aliases: [the bakery, the shop]
cards:
  - id: closure
    title: The bakery is closing
    subject: bakery
    answer: Maria Okafor, who founded Riverside Bakery in Dunmore in 1985, will close the shop on Saturday 14 March.
    questions: [Is Riverside Bakery closing?, What is happening to the bakery?, bakery closure]
    source: ["Maria Okafor, who founded Riverside Bakery in Dunmore in 1985, will close the shop on Saturday 14 March."]
  - id: staff
    title: What happens to the staff
    subject: bakery
    answer: The bakery employs 12 people, who will each receive three months' pay.
    questions: [What happens to the workers?, Will the staff be paid?, bakery employees]
    source: ["The bakery employs 12 people, who will each receive three months' pay."]
  - id: reasons
    title: Why the bakery is closing
    subject: okafor
    answer: Okafor said rising flour prices and a rent increase of €2,000 a month made the business impossible to keep going.
    questions: [Why is the bakery closing?, What did the owner say about closing?, reasons for closure]
    source: ["Okafor said rising flour prices and a rent increase of €2,000 a month made the business impossible to keep going.", "Riverside Bakery closes after 40 years."]
`;

const pack = parsePack({
  file: 'bakery/pack.yaml',
  text: PACK,
  readSource: () => ({ path: 'bakery/source.txt', text: SOURCE }),
});
const bot = createBot([pack]);
const cardOf = (text: string) => answeredCard(bot, text);
// The card the matcher puts first, whatever the abstention threshold.
const eager = createBot([pack], { matcher: { abstainBelow: 0 } });
const leadingCard = (text: string) => answeredCard(eager, text);

describe('a pack on its first day (three example questions per card)', () => {
  it.each([
    ['who is Maria Okafor?', 'reasons'],
    ['How many staff does the bakery have?', 'staff'],
    ['When will the shop close?', 'closure'],
    ['where is the bakery?', 'closure'],
  ])('puts the card that answers "%s" first, from what its cards say', async (question, card) => {
    expect(await leadingCard(question)).toBe(card);
  });

  it('answers a direct question about a place from the answer alone', async () => {
    expect(await cardOf('where is the bakery?')).toBe('closure');
  });

  it.each([['what is the weather tomorrow?'], ['will the bakery reopen?'], ['who is the mayor of Dunmore?']])(
    'declines "%s", which the story cannot answer',
    async (question) => {
      expect(await cardOf(question)).toBeUndefined();
    },
  );
});

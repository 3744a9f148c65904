import type { Bot } from '../../src/bot/port.js';

/**
 * The card a bot answers a question with, each question in its own conversation; undefined when
 * it declines. Built with `abstainBelow: 0`, a bot answers with the card its matcher ranks first.
 */
export async function answeredCard(bot: Bot, text: string): Promise<string | undefined> {
  const reply = await bot.ask({ text, user: 'u', conversation: `own-${text}`, platform: 'console' });
  return reply.kind === 'answer' ? reply.card.card : undefined;
}

import { z } from 'zod';
import { messageQuestion } from '../../../src/bot/message-text.js';
import { optionalText } from '../../../src/config.js';
import { definePlatform } from '../../../src/platform.js';
import { room } from './room.js';

/**
 * A platform that exists only for tests: everything it needs is this descriptor (and the room it
 * talks to, which stands in for a platform's API). Its mention syntax is `@@bot`; `/topics` is its
 * command; clicks pick cards. Registering it is one line: `[...PLATFORMS, fakePlatform]`.
 */
export const fakePlatform = definePlatform({
  name: 'fake',
  settings: z.object({
    FAKE_ROOM: optionalText,
    FAKE_TOKEN: optionalText.pipe(z.string().startsWith('fk-', 'must start with fk-').optional()),
  }),
  secrets: ['FAKE_TOKEN'],
  check: (settings) =>
    settings.FAKE_ROOM && !settings.FAKE_TOKEN
      ? { variable: 'FAKE_TOKEN', reason: 'required to join a room' }
      : undefined,
  configured: (settings) => settings.FAKE_ROOM !== undefined,
  create: ({ bot, config, logger }) => {
    const where = room(config.FAKE_ROOM ?? 'nowhere');
    return {
      name: 'fake',
      async start() {
        where.join({
          async heard(said) {
            const asker = { user: said.user, conversation: `fake:${config.FAKE_ROOM}`, platform: 'fake' };
            const asked =
              'clicked' in said
                ? { intent: said.clicked }
                : said.text === '/topics'
                  ? { intent: 'topics' as const }
                  : messageQuestion(said.text, /@@bot\b/);
            const reply = await bot.ask({ ...asker, ...asked });
            logger.info({ platform: 'fake', reply: reply.kind }, 'answered');
            return reply.kind === 'answer'
              ? `${reply.card.pack}/${reply.card.card}: ${reply.text}`
              : reply.text;
          },
        });
      },
      async stop() {
        where.leave();
      },
    };
  },
});

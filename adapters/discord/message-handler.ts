import type { Message } from 'discord.js';
import type { Bot } from '../../src/bot/port.js';
import type { Logger } from '../../src/log.js';
import { replyFields } from '../../src/log.js';
import { discordQuery, discordQuestion } from './conversation.js';
import { elapsed, errorFields } from './log-fields.js';
import { renderReply } from './render-embed.js';
import { messageReplyOptions } from './reply-options.js';

export interface MessageHandlerOptions {
  bot: Bot;
  logger: Logger;
}

/**
 * Questions as messages: in a server only when the bot is @-mentioned (it is answered with a
 * reply to that message), in a DM always. Bots, the bot itself included, are never answered, so
 * two bots cannot talk to each other forever. Never rejects; failures are logged.
 */
export function createMessageHandler({ bot, logger }: MessageHandlerOptions) {
  return async (message: Message): Promise<void> => {
    const started = performance.now();
    try {
      if (message.author.bot || message.system || message.webhookId) return;
      const me = message.client.user.id;
      const inGuild = message.inGuild();
      // `mentions.users`, not `mentions.has()`: the latter is also true for @everyone.
      if (inGuild && !message.mentions.users.has(me)) return;
      const query = discordQuery(discordQuestion(message.content), {
        userId: message.author.id,
        guildId: message.guildId,
        channelId: message.channelId,
        shared: inGuild,
      });
      const result = await bot.ask(query);
      const options = messageReplyOptions(renderReply(result));
      if (inGuild) await message.reply(options);
      else if (message.channel.isSendable()) await message.channel.send(options);
      else {
        logger.warn({ conversation: query.conversation }, 'discord: cannot send in this channel');
        return;
      }
      logger.info(
        {
          source: inGuild ? 'mention' : 'dm',
          conversation: query.conversation,
          ...replyFields(result),
          latencyMs: elapsed(started),
        },
        'discord: replied',
      );
    } catch (error) {
      logger.error({ error: errorFields(error) }, 'discord: message failed');
    }
  };
}

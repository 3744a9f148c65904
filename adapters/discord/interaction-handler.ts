import type { ButtonInteraction, ChatInputCommandInteraction, Interaction } from 'discord.js';
import type { Bot } from '../../src/bot/bot.js';
import type { QuestionCompleter } from '../../src/bot/complete.js';
import type { Query } from '../../src/bot/query.js';
import type { Reply } from '../../src/bot/reply.js';
import type { Logger } from '../../src/log.js';
import { replyFields } from '../../src/log.js';
import { respondToAutocomplete } from './autocomplete.js';
import { commandNames, questionOption } from './commands.js';
import { discordQuery } from './conversation.js';
import { parseCardCustomId } from './custom-id.js';
import { elapsed, errorFields } from './log-fields.js';
import { renderReply } from './render-embed.js';
import { interactionReplyOptions } from './reply-options.js';

export interface InteractionHandlerOptions {
  bot: Bot;
  complete: QuestionCompleter;
  logger: Logger;
}

type Answerable = ChatInputCommandInteraction | ButtonInteraction;

/**
 * Slash commands, autocomplete and card buttons. Every reply is sent at once (the core answers
 * in-process within milliseconds), well inside Discord's 3 s, so nothing is deferred.
 * Never rejects: a failure is logged, because an event listener's rejection would go unhandled.
 */
export function createInteractionHandler({ bot, complete, logger }: InteractionHandlerOptions) {
  const send = async (
    interaction: Answerable,
    source: string,
    query: Query,
    reply: Reply,
    started: number,
  ) => {
    await interaction.reply(interactionReplyOptions(renderReply(reply)));
    logger.info(
      { source, conversation: query.conversation, ...replyFields(reply), latencyMs: elapsed(started) },
      'discord: replied',
    );
  };

  return async (interaction: Interaction): Promise<void> => {
    const started = performance.now();
    try {
      if (interaction.isAutocomplete()) {
        const choices = await respondToAutocomplete(interaction, complete);
        logger.debug({ source: 'autocomplete', choices, latencyMs: elapsed(started) }, 'discord: completed');
      } else if (interaction.isChatInputCommand()) {
        if (!Object.values<string>(commandNames).includes(interaction.commandName)) {
          // A command left registered from an older version: help is the useful answer.
          logger.warn({ command: interaction.commandName }, 'discord: unknown command, answered with help');
        }
        const query = queryOf(interaction, commandText(interaction));
        await send(interaction, `/${interaction.commandName}`, query, bot.ask(query), started);
      } else if (interaction.isButton()) {
        const card = parseCardCustomId(interaction.customId);
        if (!card) {
          logger.debug('discord: ignored a button this bot did not make');
          return;
        }
        const query = queryOf(interaction, '');
        await send(interaction, 'button', query, bot.choose(query, card), started);
      }
    } catch (error) {
      logger.error(
        { error: errorFields(error), interactionType: interaction.type },
        'discord: interaction failed',
      );
    }
  };
}

/**
 * The question a command stands for. /topics and /help go through the core's own built-in
 * intents, so they read the same as typing "topics" or "help" anywhere else.
 */
function commandText(interaction: ChatInputCommandInteraction): string {
  switch (interaction.commandName) {
    case commandNames.ask:
      return interaction.options.getString(questionOption) ?? '';
    case commandNames.topics:
      return 'topics';
    default:
      return 'help';
  }
}

function queryOf(interaction: Answerable, text: string): Query {
  return discordQuery(text, {
    userId: interaction.user.id,
    guildId: interaction.guildId,
    // Interactions always carry a channel; the user id is a stable stand-in should one not.
    channelId: interaction.channelId ?? interaction.user.id,
  });
}

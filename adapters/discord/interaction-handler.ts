import type { ButtonInteraction, ChatInputCommandInteraction, Interaction } from 'discord.js';
import type { Bot } from '../../src/bot/port.js';
import type { Asked, Query } from '../../src/bot/query.js';
import type { Reply } from '../../src/bot/reply.js';
import type { Logger } from '../../src/log.js';
import { replyFields } from '../../src/log.js';
import { respondToAutocomplete } from './autocomplete.js';
import { commandNames, questionOption } from './commands.js';
import { discordQuery, discordQuestion } from './conversation.js';
import { parseCardCustomId } from './custom-id.js';
import { answerReasonForm, answerVoteButton, isFeedbackCustomId } from './feedback.js';
import { elapsed, errorFields } from './log-fields.js';
import { renderReply } from './render-embed.js';
import { interactionReplyOptions } from './reply-options.js';

export interface InteractionHandlerOptions {
  bot: Bot;
  logger: Logger;
}

type Answerable = ChatInputCommandInteraction | ButtonInteraction;

/**
 * Slash commands, autocomplete and card buttons. Every reply is sent at once (the core answers
 * in-process within milliseconds), well inside Discord's 3 s, so nothing is deferred.
 * Never rejects: a failure is logged, because an event listener's rejection would go unhandled.
 */
export function createInteractionHandler({ bot, logger }: InteractionHandlerOptions) {
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
        const choices = await respondToAutocomplete(interaction, bot.complete);
        logger.debug({ source: 'autocomplete', choices, latencyMs: elapsed(started) }, 'discord: completed');
      } else if (interaction.isChatInputCommand()) {
        if (!Object.values<string>(commandNames).includes(interaction.commandName)) {
          // A command left registered from an older version: help is the useful answer.
          logger.warn({ command: interaction.commandName }, 'discord: unknown command, answered with help');
        }
        const query = queryOf(interaction, commandAsks(interaction));
        await send(interaction, `/${interaction.commandName}`, query, await bot.ask(query), started);
      } else if (interaction.isButton() && isFeedbackCustomId(interaction.customId)) {
        await answerVoteButton(interaction, bot, logger);
      } else if (interaction.isModalSubmit()) {
        await answerReasonForm(interaction, bot, logger);
      } else if (interaction.isButton()) {
        const card = parseCardCustomId(interaction.customId);
        if (!card) {
          logger.debug('discord: ignored a button this bot did not make');
          return;
        }
        const query = queryOf(interaction, { intent: card });
        await send(interaction, 'button', query, await bot.ask(query), started);
      }
    } catch (error) {
      logger.error(
        { error: errorFields(error), interactionType: interaction.type },
        'discord: interaction failed',
      );
    }
  };
}

/** What a command asks: /ask its question, /topics and /help (and any unknown command) their intent. */
function commandAsks(interaction: ChatInputCommandInteraction): Asked {
  switch (interaction.commandName) {
    case commandNames.ask:
      return discordQuestion(interaction.options.getString(questionOption) ?? '');
    case commandNames.topics:
      return { intent: 'topics' };
    default:
      return { intent: 'help' };
  }
}

function queryOf(interaction: Answerable, asked: Asked): Query {
  return discordQuery(asked, {
    userId: interaction.user.id,
    guildId: interaction.guildId,
    // Interactions always carry a channel; the user id is a stable stand-in should one not.
    channelId: interaction.channelId ?? interaction.user.id,
    // Answers are posted for the channel to see (misses only to the asker, with no votes).
    shared: interaction.guildId !== null,
  });
}

import {
  ApplicationCommandOptionType,
  ApplicationCommandType,
  ApplicationIntegrationType,
  InteractionContextType,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from 'discord.js';
import { MAX_QUESTION_LENGTH } from '../../src/bot/guard.js';

/**
 * The slash commands, defined once: registration sends exactly this list and the interaction
 * handler routes on the same names, so the two cannot drift apart.
 */
export const commandNames = Object.freeze({ ask: 'ask', topics: 'topics', help: 'help' });
export const questionOption = 'question';

// Usable in servers and in the bot's DMs; the bot is installed to servers only.
const where = {
  contexts: [InteractionContextType.Guild, InteractionContextType.BotDM],
  integration_types: [ApplicationIntegrationType.GuildInstall],
};

export const commandDefinitions: RESTPostAPIChatInputApplicationCommandsJSONBody[] = [
  {
    name: commandNames.ask,
    description: 'Ask a question about the story; the answer cites its source.',
    type: ApplicationCommandType.ChatInput,
    options: [
      {
        name: questionOption,
        description: 'Your question, in plain words',
        type: ApplicationCommandOptionType.String,
        required: true,
        autocomplete: true,
        max_length: MAX_QUESTION_LENGTH,
      },
    ],
    ...where,
  },
  {
    name: commandNames.topics,
    description: 'List the topics I can answer questions about.',
    type: ApplicationCommandType.ChatInput,
    ...where,
  },
  {
    name: commandNames.help,
    description: 'How to ask me questions, with examples.',
    type: ApplicationCommandType.ChatInput,
    ...where,
  },
];

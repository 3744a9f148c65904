import type { ApplicationCommandOptionChoiceData, AutocompleteInteraction } from 'discord.js';
import type { Bot } from '../../src/bot/port.js';
import { commandNames, questionOption } from './commands.js';
import { limits, truncate } from './limits.js';

/**
 * Choices for what has been typed so far. Choosing one submits its value as the question, so a
 * value cut to Discord's 100 characters ends at a whole word rather than with an ellipsis.
 */
export function autocompleteChoices(
  complete: Bot['complete'],
  typed: string,
): ApplicationCommandOptionChoiceData<string>[] {
  const choices: ApplicationCommandOptionChoiceData<string>[] = [];
  const values = new Set<string>();
  for (const question of complete(typed, limits.autocompleteChoices)) {
    const value = cutAtWord(question, limits.choiceValue);
    if (!value || values.has(value)) continue;
    values.add(value);
    choices.push({ name: truncate(question, limits.choiceName), value });
  }
  return choices.slice(0, limits.autocompleteChoices);
}

function cutAtWord(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return (space > 0 ? cut.slice(0, space) : cut).trimEnd();
}

/**
 * Answers an autocomplete request. Discord gives 3 s and no way to defer, so this does only the
 * in-memory search; anything but the question of /ask gets no choices.
 */
export async function respondToAutocomplete(
  interaction: AutocompleteInteraction,
  complete: Bot['complete'],
): Promise<number> {
  const focused = interaction.options.getFocused(true);
  const choices =
    interaction.commandName === commandNames.ask && focused.name === questionOption
      ? autocompleteChoices(complete, String(focused.value))
      : [];
  await interaction.respond(choices);
  return choices.length;
}

import {
  type APIModalInteractionResponseCallbackData,
  type ButtonInteraction,
  ButtonStyle,
  ComponentType,
  MessageFlags,
  type ModalSubmitInteraction,
  TextInputStyle,
} from 'discord.js';
import { EXCHANGE_ID, MAX_REASON_LENGTH, type Vote } from '../../src/bot/feedback.js';
import type { Bot } from '../../src/bot/port.js';
import type { Logger } from '../../src/log.js';
import { DISCORD } from './conversation.js';
import type { ButtonRow } from './render-embed.js';

/**
 * 👍/👎 under an answer: two buttons whose custom ids name the vote and the answer's exchange,
 * `factdesk:vote:up:<exchange>`; a 👎 opens a form (a modal) asking what was wrong, optional,
 * whose custom id is `factdesk:reason:<exchange>`.
 */
const VOTE = /^factdesk:vote:(up|down):([A-Za-z0-9_-]{16})$/;
const REASON = /^factdesk:reason:([A-Za-z0-9_-]{16})$/;
export const REASON_FIELD = 'reason';

export function feedbackRow(exchange: string): ButtonRow {
  return {
    type: ComponentType.ActionRow,
    components: (['up', 'down'] as const).map((vote) => ({
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      label: vote === 'up' ? 'Helpful' : 'Not helpful',
      emoji: { name: vote === 'up' ? '👍' : '👎' },
      custom_id: `factdesk:vote:${vote}:${exchange}`,
    })),
  };
}

export function parseVoteCustomId(customId: string): Pick<Vote, 'vote' | 'exchange'> | undefined {
  const found = VOTE.exec(customId);
  const vote = found?.[1];
  return (vote === 'up' || vote === 'down') && found?.[2] ? { vote, exchange: found[2] } : undefined;
}

export function isFeedbackCustomId(customId: string): boolean {
  return customId.startsWith('factdesk:vote:') || customId.startsWith('factdesk:reason:');
}

/** The form a 👎 opens; its title is the acknowledgement, closing it leaves the 👎 as it is. */
export function reasonModal(exchange: string): APIModalInteractionResponseCallbackData {
  return {
    custom_id: `factdesk:reason:${exchange}`,
    title: 'Thanks — noted. What was wrong?',
    components: [
      {
        type: ComponentType.ActionRow,
        components: [
          {
            type: ComponentType.TextInput,
            custom_id: REASON_FIELD,
            style: TextInputStyle.Paragraph,
            label: 'What was wrong with the answer? (optional)',
            required: false,
            max_length: MAX_REASON_LENGTH,
          },
        ],
      },
    ],
  };
}

/**
 * A click on 👍 or 👎: the vote goes to the core (which checks who may vote, and once), and the
 * clicker alone is answered, ephemerally: "Thanks — noted", or for a 👎 the form.
 */
export async function answerVoteButton(
  interaction: ButtonInteraction,
  bot: Bot,
  logger: Logger,
): Promise<void> {
  const click = parseVoteCustomId(interaction.customId);
  if (!click) {
    logger.debug('discord: ignored a feedback button this bot did not make');
    return;
  }
  const receipt = await bot.feedback({ ...click, user: interaction.user.id, platform: DISCORD });
  logger.info({ source: 'feedback', vote: click.vote, accepted: receipt.accepted }, 'discord: feedback');
  if (click.vote === 'down') await interaction.showModal(reasonModal(click.exchange));
  else await interaction.reply({ content: receipt.text, flags: MessageFlags.Ephemeral });
}

/** The 👎 form sent back: its reason (cut by the core) joins the vote. */
export async function answerReasonForm(
  interaction: ModalSubmitInteraction,
  bot: Bot,
  logger: Logger,
): Promise<void> {
  const exchange = REASON.exec(interaction.customId)?.[1];
  if (!exchange || !EXCHANGE_ID.test(exchange)) {
    logger.debug('discord: ignored a form this bot did not make');
    return;
  }
  const field = interaction.fields.fields.get(REASON_FIELD);
  const reason = field && 'value' in field && typeof field.value === 'string' ? field.value : undefined;
  const receipt = await bot.feedback({
    exchange,
    user: interaction.user.id,
    platform: DISCORD,
    vote: 'down',
    ...(reason?.trim() ? { reason } : {}),
  });
  logger.info(
    { source: 'feedback-form', reason: reason !== undefined, accepted: receipt.accepted },
    'discord: feedback',
  );
  await interaction.reply({ content: receipt.text, flags: MessageFlags.Ephemeral });
}

import {
  type APIActionRowComponent,
  type APIButtonComponentWithCustomId,
  type APIEmbed,
  type APIEmbedField,
  ButtonStyle,
  ComponentType,
} from 'discord.js';
import {
  type AnswerReply,
  type BuiltinReply,
  type CardChoice,
  type Reply,
  staleNote,
} from '../../src/bot/reply.js';
import { cardCustomId } from './custom-id.js';
import { feedbackRow } from './feedback.js';
import { limits, truncate } from './limits.js';
// Card text is plain text: `*`, `_` or `~` in it must show as typed, not as formatting.
import { escapeMarkdown } from './markdown.js';

export type ButtonRow = APIActionRowComponent<APIButtonComponentWithCustomId>;

/** A reply as Discord shows it, before it is attached to an interaction or a message. */
export interface DiscordReply {
  /** Plain text, used alone for a one-sentence reply (an unusable question). */
  content?: string;
  embeds: APIEmbed[];
  components: ButtonRow[];
  /** Only the asker needs to see it (a miss, an unusable question); interactions honour this. */
  ephemeral: boolean;
}

/** Renders any reply within Discord's limits; see `limits.ts`. Pure. */
export function renderReply(reply: Reply): DiscordReply {
  switch (reply.kind) {
    case 'answer': {
      // 👍/👎 take the last of the five rows when the answer has an exchange id.
      const feedback = reply.exchange ? [feedbackRow(reply.exchange)] : [];
      const cards = cardButtons([...reply.suggestions, ...reply.related], reply.card, reply.exchange);
      return {
        embeds: [answerEmbed(reply)],
        components: [...cards.slice(0, limits.rows - feedback.length), ...feedback],
        ephemeral: false,
      };
    }
    case 'no-match':
      return {
        embeds: [fitEmbed({ description: escapeMarkdown(reply.text) })],
        components: cardButtons(reply.suggestions, undefined, reply.exchange),
        ephemeral: true,
      };
    case 'builtin':
      return {
        embeds: [builtinEmbed(reply)],
        components: cardButtons(reply.suggestions, undefined, reply.exchange),
        ephemeral: false,
      };
    case 'invalid':
      return {
        content: truncate(escapeMarkdown(reply.text), limits.content),
        embeds: [],
        components: [],
        ephemeral: true,
      };
  }
}

function answerEmbed(reply: AnswerReply): APIEmbed {
  const stale = reply.staleSince ? `\n\n*(${escapeMarkdown(staleNote(reply.staleSince))})*` : '';
  const { sourceTitle, sentences, url } = reply.citation;
  return fitEmbed({
    title: escapeMarkdown(reply.card.title),
    // The stale note matters more than the end of a very long answer, so it is kept whole.
    description: `${truncate(escapeMarkdown(reply.text), limits.embedDescription - stale.length)}${stale}`,
    ...(url && /^https?:\/\//.test(url) ? { url } : {}),
    // Footers show no markdown, so the cited sentences go in as written.
    footer: { text: [`Source: ${sourceTitle}`, ...sentences.map((s) => `“${s}”`)].join('\n') },
  });
}

function builtinEmbed(reply: BuiltinReply): APIEmbed {
  const fields: APIEmbedField[] = [];
  if (reply.examples.length > 0) fields.push({ name: 'Try asking', value: bullets(reply.examples) });
  const packs = new Set(reply.topics.map((g) => g.pack));
  for (const group of reply.topics) {
    fields.push({
      // With several stories the same subject name could appear twice, so say which story.
      name: escapeMarkdown(packs.size > 1 ? `${group.subject} (${group.packTitle})` : group.subject),
      value: bullets(group.cards.map((c) => c.title)),
    });
  }
  return fitEmbed({ description: escapeMarkdown(reply.text), fields });
}

/**
 * A bulleted list that fits one field. Lines are kept whole; those that do not fit are counted
 * ("… and 12 more") rather than cut off mid-title.
 */
function bullets(lines: readonly string[]): string {
  const items = lines.map((line) => `• ${escapeMarkdown(truncate(line, 200))}`);
  let list = '';
  for (const [i, item] of items.entries()) {
    const next = list ? `${list}\n${item}` : item;
    const left = items.length - i - 1;
    if (`${next}${left > 0 ? `\n… and ${left} more` : ''}`.length > limits.fieldValue) {
      // The previous round checked that the list plus this very note fits.
      return `${list}${list ? '\n' : ''}… and ${items.length - i} more`;
    }
    list = next;
  }
  return list;
}

/**
 * One button per card, at most 5 to a row and 5 rows. A card appears once (Discord rejects a
 * message with two equal custom ids), and never the card just answered.
 */
export function cardButtons(
  choices: readonly CardChoice[],
  answered?: CardChoice,
  from?: string,
): ButtonRow[] {
  const seen = new Set<string>(answered ? [cardCustomId(answered, from) ?? ''] : []);
  const buttons: APIButtonComponentWithCustomId[] = [];
  for (const choice of choices) {
    const customId = cardCustomId(choice, from);
    if (!customId || seen.has(customId)) continue;
    seen.add(customId);
    buttons.push({
      type: ComponentType.Button,
      style: ButtonStyle.Secondary,
      label: truncate(choice.title, limits.buttonLabel),
      custom_id: customId,
    });
  }
  const rows: ButtonRow[] = [];
  for (let i = 0; i < buttons.length && rows.length < limits.rows; i += limits.buttonsPerRow) {
    rows.push({ type: ComponentType.ActionRow, components: buttons.slice(i, i + limits.buttonsPerRow) });
  }
  return rows;
}

/** Characters Discord counts towards the 6,000 of all embeds in a message. */
export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((sum, f) => sum + f.name.length + f.value.length, 0)
  );
}

/**
 * Cuts an embed to Discord's limits: each part to its own limit, then the whole to 6,000
 * characters by dropping fields from the end and then cutting the footer (the citation). Title
 * and description together stay under 6,000 (256 + 4,096), so the answer itself is never cut
 * for the total.
 */
export function fitEmbed(embed: APIEmbed): APIEmbed {
  const fitted: APIEmbed = { ...embed };
  if (fitted.title !== undefined) fitted.title = truncate(fitted.title, limits.embedTitle);
  if (fitted.description !== undefined)
    fitted.description = truncate(fitted.description, limits.embedDescription);
  if (fitted.footer)
    fitted.footer = { ...fitted.footer, text: truncate(fitted.footer.text, limits.footerText) };
  if (fitted.fields) {
    // Discord rejects an empty field name or value; a zero-width space stands in.
    fitted.fields = fitted.fields.slice(0, limits.embedFields).map((f) => ({
      ...f,
      name: truncate(f.name, limits.fieldName) || '\u200b',
      value: truncate(f.value, limits.fieldValue) || '\u200b',
    }));
  }
  while (fitted.fields && fitted.fields.length > 0 && embedLength(fitted) > limits.embedsTotal) {
    fitted.fields = fitted.fields.slice(0, -1);
  }
  const excess = embedLength(fitted) - limits.embedsTotal;
  if (fitted.footer && excess > 0) {
    fitted.footer = {
      ...fitted.footer,
      text: truncate(fitted.footer.text, fitted.footer.text.length - excess),
    };
  }
  return fitted;
}

import type { CardPick } from '../../src/bot/query.js';
import type { CardChoice } from '../../src/bot/reply.js';
import { limits } from './limits.js';

/**
 * Buttons carry the card they stand for in their custom id: `factdesk:card:<pack>:<card>`, then
 * `:<exchange>` of the reply they are on when it fits, so that the log can tie the pick to the
 * question before it. Pack and card ids are `[a-z0-9-]` (see the knowledge schema), exchange ids
 * `[A-Za-z0-9_-]`, so `:` cannot occur inside them.
 */
const PREFIX = 'factdesk:card:';
const PATTERN = /^factdesk:card:([a-z0-9][a-z0-9-]*):([a-z0-9][a-z0-9-]*)(?::([A-Za-z0-9_-]{16}))?$/;

/** The custom id for a card, or undefined when it would not fit Discord's 100 characters. */
export function cardCustomId(choice: Pick<CardChoice, 'pack' | 'card'>, from?: string): string | undefined {
  const id = `${PREFIX}${choice.pack}:${choice.card}`;
  if (id.length > limits.customId || !PATTERN.test(id)) return undefined;
  const withFrom = from ? `${id}:${from}` : id;
  return withFrom.length <= limits.customId && PATTERN.test(withFrom) ? withFrom : id;
}

/** The card a button stands for; undefined for any custom id this bot did not make. */
export function parseCardCustomId(customId: string): CardPick | undefined {
  const found = PATTERN.exec(customId);
  if (!found?.[1] || !found[2]) return undefined;
  return found[3] ? { pack: found[1], card: found[2], from: found[3] } : { pack: found[1], card: found[2] };
}

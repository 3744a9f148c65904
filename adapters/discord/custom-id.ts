import type { CardChoice } from '../../src/bot/reply.js';
import { limits } from './limits.js';

/**
 * Buttons carry the card they stand for in their custom id: `factdesk:card:<pack>:<card>`.
 * Pack and card ids are `[a-z0-9-]` (see the knowledge schema), so `:` cannot occur inside them.
 */
const PREFIX = 'factdesk:card:';
const PATTERN = /^factdesk:card:([a-z0-9][a-z0-9-]*):([a-z0-9][a-z0-9-]*)$/;

/** The custom id for a card, or undefined when it would not fit Discord's 100 characters. */
export function cardCustomId(choice: Pick<CardChoice, 'pack' | 'card'>): string | undefined {
  const id = `${PREFIX}${choice.pack}:${choice.card}`;
  return id.length <= limits.customId && PATTERN.test(id) ? id : undefined;
}

/** The card a button stands for; undefined for any custom id this bot did not make. */
export function parseCardCustomId(customId: string): Pick<CardChoice, 'pack' | 'card'> | undefined {
  const found = PATTERN.exec(customId);
  return found?.[1] && found[2] ? { pack: found[1], card: found[2] } : undefined;
}

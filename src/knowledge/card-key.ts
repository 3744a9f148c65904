/** A card as buttons and picks name it: its pack and its id within the pack. */
export interface CardRef {
  pack: string;
  card: string;
}

/** Cards are keyed `pack/card` so that card ids need only be unique within a pack. */
export function cardKey(pack: string, card: string): string {
  return `${pack}/${card}`;
}

/** The pack of a `pack/card` (or `pack/subject`) key. */
export function packOfKey(key: string): string {
  return key.slice(0, key.indexOf('/'));
}

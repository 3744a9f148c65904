/**
 * Discord's message limits. Discord rejects a whole message (HTTP 400) when one is exceeded, and
 * discord.js checks none of them, so every renderer cuts its text to fit before sending.
 */
export const limits = Object.freeze({
  content: 2000,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  /** Title, description, field names and values, footer and author of all embeds together. */
  embedsTotal: 6000,
  buttonsPerRow: 5,
  rows: 5,
  buttonLabel: 80,
  customId: 100,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
});

const ELLIPSIS = '…';

/**
 * Cuts `text` to at most `max` UTF-16 units (the unit Discord counts), ending in an ellipsis when
 * cut. Never splits a surrogate pair and never leaves a dangling markdown escape.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let cut = text.slice(0, max - ELLIPSIS.length);
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  cut = cut.replace(/\\+$/, '').trimEnd();
  return `${cut}${ELLIPSIS}`;
}

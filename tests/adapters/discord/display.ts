/**
 * Text as Discord displays it: a backslash before ASCII punctuation escapes it and is not shown.
 * Tests compare what a user would read with the card text, whatever escaping the adapter chose.
 */
export function shown(text: string): string;
export function shown(text: string | undefined): string | undefined;
export function shown(text: string | undefined): string | undefined {
  return text?.replace(/\\([!-/:-@[-`{-~])/g, '$1');
}

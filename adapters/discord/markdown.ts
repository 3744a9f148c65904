/**
 * Escapes Discord markdown so card text shows exactly as written. Discord (like simple-markdown)
 * shows `\` followed by any ASCII punctuation as that character alone, so escaping more than
 * strictly needed is harmless. Written here rather than using discord.js's `escapeMarkdown`,
 * whose regular expressions take ~60 ms on a 5,000-character word; this is one linear pass
 * plus one for line starts.
 */
export function escapeMarkdown(text: string): string {
  return (
    text
      // Emphasis, code, spoilers, masked links, and the escape character itself.
      .replace(/[\\*_~`|[\]]/g, '\\$&')
      // Headings, quotes, lists and subtext only count at the start of a line.
      .replace(/^([ \t]*)([#>\-+]|\d+\.)/gm, (_, indent: string, mark: string) => `${indent}\\${mark}`)
  );
}

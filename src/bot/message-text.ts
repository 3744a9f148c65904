import { visibleText } from './guard.js';
import type { Asked } from './query.js';

/**
 * For adapters: what a chat message asks, given the pattern of its platform's markup that names
 * people or rooms, never facts (mentions, broadcasts such as `@everyone` or `<!channel>`). The
 * markup is removed; a message that was nothing but markup, as when someone just @-mentions the
 * bot, asks what the bot can do. The pattern is the adapter's: the core knows no platform syntax.
 */
export function messageQuestion(raw: string, markup: RegExp): Asked {
  const global = new RegExp(markup.source, markup.flags.includes('g') ? markup.flags : `${markup.flags}g`);
  const text = raw.replace(global, ' ');
  if (!visibleText(text) && new RegExp(markup.source, markup.flags.replace('g', '')).test(raw)) {
    return { intent: 'help' };
  }
  return { text: text.trim() };
}

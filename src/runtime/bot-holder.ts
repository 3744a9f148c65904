import type { Bot } from '../bot/bot.js';

/**
 * A bot whose knowledge can be replaced while it runs. Adapters hold this one object; a reload
 * builds a whole new bot (packs and index) beside the old one and {@link BotHolder.swap}s it
 * in with one assignment. Node runs one callback at a time, so every question is answered
 * wholly by the old bot or wholly by the new one, never by a mix.
 */
export interface BotHolder extends Bot {
  swap(next: Bot): void;
  readonly current: Bot;
}

export function createBotHolder(initial: Bot): BotHolder {
  let current = initial;
  return {
    get packs() {
      return current.packs;
    },
    get current() {
      return current;
    },
    ask: (query) => current.ask(query),
    choose: (query, choice) => current.choose(query, choice),
    explain: (text) => current.explain(text),
    swap(next) {
      current = next;
    },
  };
}

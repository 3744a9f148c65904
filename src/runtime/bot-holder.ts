import type { Bot } from '../bot/port.js';

/**
 * A bot whose knowledge can be replaced while it runs. Adapters hold this one object; a reload
 * builds a whole new bot (packs, index, completions, topics) beside the old one and
 * {@link BotHolder.swap}s it in with one assignment. Every question is answered wholly by the
 * bot that was current when it arrived, never by a mix of two.
 */
export interface BotHolder extends Bot {
  swap(next: Bot): void;
  readonly current: Bot;
}

export function createBotHolder(initial: Bot): BotHolder {
  let current = initial;
  return {
    get current() {
      return current;
    },
    ask: (query) => current.ask(query),
    complete: (typed, limit) => current.complete(typed, limit),
    topics: () => current.topics(),
    feedback: (vote) => current.feedback(vote),
    swap(next) {
      current = next;
    },
  };
}

import type { Pack } from '../knowledge/types.js';
import type { MatcherOptions } from '../matcher/defaults.js';
import { type ConversationStore, inProcessConversations } from '../state/conversations.js';
import { topicGroups } from './builtins.js';
import { buildCardIndex } from './card-index.js';
import { createQuestionCompleter } from './complete.js';
import { unrecordedFeedback } from './feedback.js';
import type { Bot } from './port.js';
import { createResponder, type ResponderOptions } from './respond.js';

export type { Bot } from './port.js';

export interface BotOptions extends ResponderOptions {
  matcher?: Partial<MatcherOptions>;
  /**
   * Where conversations are remembered; a new in-process store when absent. A bot rebuilt on a
   * knowledge reload is handed its predecessor's, so conversations carry on across the reload.
   */
  conversations?: ConversationStore;
}

/**
 * The core for one set of packs: index, completions and topics are built here, once; a knowledge
 * reload builds a new bot. Answering is the pure responder; the conversation store around it is
 * the only I/O, read before and written after.
 */
export function createBot(packs: readonly Pack[], options: BotOptions = {}): Bot {
  const cards = buildCardIndex(packs, options.matcher);
  const respond = createResponder(cards, options);
  const complete = createQuestionCompleter(packs);
  const topics = topicGroups(packs);
  const conversations = options.conversations ?? inProcessConversations();
  return {
    async ask(query) {
      // Only a typed question can lean on what came before.
      const previous = query.intent === undefined ? await conversations.get(query.conversation) : undefined;
      const { reply, remember } = respond(query, previous);
      if (remember) await conversations.set(query.conversation, remember);
      return reply;
    },
    complete,
    topics: () => topics,
    // Votes are the exchange log's (`logged-bot.ts`); a bot alone keeps none.
    feedback: unrecordedFeedback,
  };
}

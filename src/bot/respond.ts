import { cardKey } from '../knowledge/card-key.js';
import type { Pack } from '../knowledge/types.js';
import { decide } from '../matcher/decide.js';
import type { Remembered } from '../state/conversations.js';
import { builtinReply, choiceOf, detectBuiltin, stripGreeting, topicGroups } from './builtins.js';
import { type CardIndex, matchCards } from './card-index.js';
import { isFollowUp } from './follow-up.js';
import { guardInput, MAX_QUESTION_LENGTH } from './guard.js';
import type { Asker, Query } from './query.js';
import type { AnswerReply, CardChoice, NoMatchReply, Reply } from './reply.js';

export interface ResponderOptions {
  /** Today, as YYYY-MM-DD, for review dates; injected so the core reads no clock. */
  today?: () => string;
  /** Packs a conversation may draw on; all packs when absent or when it returns undefined. */
  packsFor?: (asker: Asker) => readonly string[] | undefined;
  /** Longest question taken, in characters (`MAX_QUESTION_LENGTH`). */
  maxQuestionLength?: number;
}

/** A reply, and what the conversation should remember from now on (nothing new when absent). */
export interface Response {
  reply: Reply;
  remember?: Remembered;
}

/**
 * The core's answer to a query, as a pure function of the knowledge, the query and what the
 * conversation remembers: no I/O, no clock but the injected one. `createBot` wraps it with the
 * conversation store.
 */
export type Responder = (query: Query, previous: Remembered | undefined) => Response;

export function createResponder(cards: CardIndex, options: ResponderOptions = {}): Responder {
  const { packs, index } = cards;
  const maxLength = options.maxQuestionLength ?? MAX_QUESTION_LENGTH;
  const choice = (key: string): CardChoice | undefined => {
    const found = cards.cards.get(key);
    return found ? choiceOf(found.pack.id, found.card) : undefined;
  };
  const choices = (keys: string[]): CardChoice[] =>
    keys.map(choice).filter((c): c is CardChoice => c !== undefined);

  const answer = (key: string, confidence: number, suggestions: CardChoice[]): Response | undefined => {
    const found = cards.cards.get(key);
    if (!found) return undefined;
    const { pack, card } = found;
    const today = options.today?.();
    const stale = card.reviewBy !== undefined && today !== undefined && card.reviewBy < today;
    const reply: AnswerReply = {
      kind: 'answer',
      card: choiceOf(pack.id, card),
      // Platforms render `staleSince` in their own way (see staleNote).
      text: card.answer,
      confidence,
      citation: {
        sourceTitle: pack.source.title,
        sentences: card.source,
        ...(pack.source.url ? { url: pack.source.url } : {}),
      },
      suggestions,
      related: choices(card.related.map((id) => cardKey(pack.id, id))),
      ...(stale ? { staleSince: card.reviewBy } : {}),
    };
    return card.subject
      ? { reply, remember: { subject: cardKey(pack.id, card.subject), card: key } }
      : { reply };
  };

  const noMatch = (allowed: readonly Pack[], confidence: number, suggestions: CardChoice[]): NoMatchReply => {
    const fallback = topicGroups(allowed)
      .map((g) => g.cards[0])
      .filter((c): c is CardChoice => c !== undefined)
      .slice(0, index.options.maxSuggestions);
    return {
      kind: 'no-match',
      text:
        suggestions.length > 0
          ? 'I have no verified answer to that. Did you mean one of these?'
          : `I have no verified answer to that. I can answer questions about ${allowed.map((p) => `“${p.title}”`).join(', ')}; here are some topics.`,
      confidence,
      suggestions: suggestions.length > 0 ? suggestions : fallback,
    };
  };

  /** The packs a conversation may draw on: their ids (undefined for all) and the packs. */
  const scopeOf = (asker: Asker): { allowed?: ReadonlySet<string>; allowedPacks: readonly Pack[] } => {
    const ids = options.packsFor?.(asker);
    if (!ids) return { allowedPacks: packs };
    const allowed = new Set(ids);
    return { allowed, allowedPacks: packs.filter((p) => allowed.has(p.id)) };
  };

  const question = (query: Query & { text: string }, previous: Remembered | undefined): Response => {
    const guarded = guardInput(query.text, maxLength);
    if (!guarded.ok) {
      return {
        reply: {
          kind: 'invalid',
          reason: guarded.reason,
          text:
            guarded.reason === 'empty'
              ? 'Please type a question, or "help" to see what I can answer.'
              : `That message is too long for me (over ${maxLength} characters). Please ask one question in a sentence or two.`,
        },
      };
    }
    const { allowed, allowedPacks } = scopeOf(query);
    const builtin = detectBuiltin(guarded.text);
    if (builtin) return { reply: builtinReply(builtin, allowedPacks) };

    const text = stripGreeting(guarded.text);
    let result = matchCards(cards, text, allowed);
    // A follow-up names no subject: read it as being about the conversation's last subject.
    const subjectName = previous && cards.subjectNames.get(previous.subject);
    if (subjectName && result.subjects.length === 0 && isFollowUp(text, result)) {
      const followUp = matchCards(cards, `${text} (${subjectName})`, allowed);
      if ((followUp.candidates[0]?.confidence ?? 0) >= (result.candidates[0]?.confidence ?? 0))
        result = followUp;
    }
    const decision = decide(result, index.options);
    const suggestions = choices(decision.suggestions.map((c) => c.id));
    if (decision.answer) {
      const answered = answer(decision.answer.id, decision.answer.confidence, suggestions);
      if (answered) return answered;
    }
    return { reply: noMatch(allowedPacks, result.candidates[0]?.confidence ?? 0, suggestions) };
  };

  return (query, previous) => {
    if (query.intent === undefined) return question(query, previous);
    const { allowed, allowedPacks } = scopeOf(query);
    if (typeof query.intent === 'string') return { reply: builtinReply(query.intent, allowedPacks) };
    const picked = query.intent;
    // A button from an older reply may name a pack this conversation may no longer use.
    if (allowed && !allowed.has(picked.pack)) return { reply: noMatch(allowedPacks, 0, []) };
    return answer(cardKey(picked.pack, picked.card), 1, []) ?? { reply: noMatch(allowedPacks, 0, []) };
  };
}

import { nameVariants } from '../knowledge/name-variants.js';
import type { Card, Pack } from '../knowledge/types.js';
import { buildIndex, type MatchDoc, type MatchIndex } from '../matcher/build-index.js';
import { decide } from '../matcher/decide.js';
import type { MatcherOptions } from '../matcher/defaults.js';
import { type MatchResult, match } from '../matcher/match.js';
import { englishBackground } from '../text/background.js';
import { englishWordNet } from '../text/wordnet.js';
import { builtinReply, choiceOf, detectBuiltin, stripGreeting, topicGroups } from './builtins.js';
import { isFollowUp } from './follow-up.js';
import { guardInput, MAX_QUESTION_LENGTH } from './guard.js';
import { ConversationMemory, type MemoryOptions } from './memory.js';
import type { Query } from './query.js';
import type { AnswerReply, CardChoice, NoMatchReply, Reply } from './reply.js';

export interface Bot {
  readonly packs: readonly Pack[];
  /** Answers one question. Never throws on any text. */
  ask(query: Query): Reply;
  /** Answers with a card the user picked from suggestions or related cards. */
  choose(query: Query, choice: Pick<CardChoice, 'pack' | 'card'>): Reply;
  /** The matcher's full view of a question, for `--explain` and tooling. */
  explain(text: string): MatchResult;
}

export interface BotOptions {
  matcher?: Partial<MatcherOptions>;
  memory?: Partial<MemoryOptions>;
  /** Today, as YYYY-MM-DD, for review dates; injected so the core reads no clock. */
  today?: () => string;
  /** Packs a conversation may draw on; all packs when absent or when it returns undefined. */
  packsFor?: (query: Query) => readonly string[] | undefined;
  /** Longest question taken, in characters (`MAX_QUESTION_LENGTH`). */
  maxQuestionLength?: number;
  /**
   * Follow-up memory to use instead of a new one: a bot rebuilt on a knowledge reload is
   * handed its predecessor's, so conversations carry on across the reload.
   */
  conversations?: ConversationMemory;
}

/** Card docs are keyed `pack/card` so that card ids need only be unique within a pack. */
export function cardKey(pack: string, card: string): string {
  return `${pack}/${card}`;
}

export function cardDocs(packs: readonly Pack[]): MatchDoc[] {
  return packs.flatMap((pack) =>
    pack.cards.map((card) => ({
      id: cardKey(pack.id, card.id),
      examples: [card.title, ...card.questions],
      keywords: card.aliases,
      body: [card.answer, ...card.source],
      ...(card.subject ? { subject: cardKey(pack.id, card.subject) } : {}),
    })),
  );
}

export function createBot(packs: readonly Pack[], options: BotOptions = {}): Bot {
  const index: MatchIndex = buildIndex(cardDocs(packs), {
    analyzer: {
      synonyms: [
        ...packs.flatMap((p) => p.synonyms),
        ...packs.flatMap((p) => p.subjects.flatMap(nameVariants)),
      ],
    },
    background: englishBackground(),
    wordnet: englishWordNet(),
    subjects: packs.flatMap((p) =>
      p.subjects.map((s) => ({ id: cardKey(p.id, s.id), names: [s.name, ...s.aliases], general: s.general })),
    ),
    ...(options.matcher ? { options: options.matcher } : {}),
  });
  const memory = options.conversations ?? new ConversationMemory(options.memory);
  const maxLength = options.maxQuestionLength ?? MAX_QUESTION_LENGTH;
  const cards = new Map<string, { pack: Pack; card: Card }>();
  const subjectNames = new Map<string, string>();
  for (const pack of packs) {
    for (const card of pack.cards) cards.set(cardKey(pack.id, card.id), { pack, card });
    for (const subject of pack.subjects) subjectNames.set(cardKey(pack.id, subject.id), subject.name);
  }
  const choice = (key: string): CardChoice | undefined => {
    const found = cards.get(key);
    return found ? choiceOf(found.pack.id, found.card) : undefined;
  };
  const choices = (keys: string[]): CardChoice[] =>
    keys.map(choice).filter((c): c is CardChoice => c !== undefined);

  const answer = (
    query: Query,
    key: string,
    confidence: number,
    suggestions: CardChoice[],
  ): AnswerReply | undefined => {
    const found = cards.get(key);
    if (!found) return undefined;
    const { pack, card } = found;
    if (card.subject) memory.set(query.conversation, { subject: cardKey(pack.id, card.subject), card: key });
    const today = options.today?.();
    const stale = card.reviewBy !== undefined && today !== undefined && card.reviewBy < today;
    return {
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
  const scopeOf = (query: Query): { allowed?: ReadonlySet<string>; allowedPacks: readonly Pack[] } => {
    const ids = options.packsFor?.(query);
    if (!ids) return { allowedPacks: packs };
    const allowed = new Set(ids);
    return { allowed, allowedPacks: packs.filter((p) => allowed.has(p.id)) };
  };

  /** Matches within the packs this conversation may use. */
  const matchIn = (text: string, allowed: ReadonlySet<string> | undefined): MatchResult => {
    const result = match(index, text, allowed ? 50 : 5);
    if (!allowed) return result;
    const candidates = result.candidates
      .filter((c) => allowed.has(c.id.slice(0, c.id.indexOf('/'))))
      .slice(0, 5);
    return { ...result, candidates };
  };

  return {
    packs,
    ask(query) {
      const guarded = guardInput(query.text, maxLength);
      // A bare @-mention of the bot is someone asking what it can do.
      if (!guarded.ok && guarded.reason === 'empty' && guarded.mentioned) {
        return builtinReply('help', scopeOf(query).allowedPacks);
      }
      if (!guarded.ok) {
        return {
          kind: 'invalid',
          reason: guarded.reason,
          text:
            guarded.reason === 'empty'
              ? 'Please type a question, or "help" to see what I can answer.'
              : `That message is too long for me (over ${maxLength} characters). Please ask one question in a sentence or two.`,
        };
      }
      const { allowed, allowedPacks } = scopeOf(query);
      const builtin = detectBuiltin(guarded.text);
      if (builtin) return builtinReply(builtin, allowedPacks);

      const text = stripGreeting(guarded.text);
      let result = matchIn(text, allowed);
      // A follow-up names no subject: read it as being about the conversation's last subject.
      const previous = memory.get(query.conversation);
      const subjectName = previous && subjectNames.get(previous.subject);
      if (subjectName && result.subjects.length === 0 && isFollowUp(text, result)) {
        const followUp = matchIn(`${text} (${subjectName})`, allowed);
        if ((followUp.candidates[0]?.confidence ?? 0) >= (result.candidates[0]?.confidence ?? 0))
          result = followUp;
      }
      const decision = decide(result, index.options);
      const suggestions = choices(decision.suggestions.map((c) => c.id));
      if (decision.answer) {
        const reply = answer(query, decision.answer.id, decision.answer.confidence, suggestions);
        if (reply) return reply;
      }
      return noMatch(allowedPacks, result.candidates[0]?.confidence ?? 0, suggestions);
    },
    choose(query, picked) {
      const { allowed, allowedPacks } = scopeOf(query);
      // A button from an older reply may name a pack this conversation may no longer use.
      if (allowed && !allowed.has(picked.pack)) return noMatch(allowedPacks, 0, []);
      return answer(query, cardKey(picked.pack, picked.card), 1, []) ?? noMatch(allowedPacks, 0, []);
    },
    explain(text) {
      const guarded = guardInput(text, maxLength);
      return match(index, guarded.ok ? stripGreeting(guarded.text) : '');
    },
  };
}

import { nameVariants } from '../knowledge/name-variants.js';
import type { Card, Pack } from '../knowledge/types.js';
import { buildIndex, type MatchDoc, type MatchIndex } from '../matcher/build-index.js';
import { decide } from '../matcher/decide.js';
import type { MatcherOptions } from '../matcher/defaults.js';
import { type MatchResult, match } from '../matcher/match.js';
import { englishBackground } from '../text/background.js';
import { builtinReply, choiceOf, detectBuiltin, stripGreeting, topicGroups } from './builtins.js';
import { guardInput } from './guard.js';
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
  /** Today, as YYYY-MM-DD, for review dates; injected so the core reads no clock. */
  today?: string;
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
      body: [card.answer],
      ...(card.subject ? { subject: cardKey(pack.id, card.subject) } : {}),
    })),
  );
}

export function createBot(packs: readonly Pack[], options: BotOptions = {}): Bot {
  const index: MatchIndex = buildIndex(cardDocs(packs), {
    synonyms: [
      ...packs.flatMap((p) => p.synonyms),
      ...packs.flatMap((p) => p.subjects.flatMap(nameVariants)),
    ],
    background: englishBackground(),
    subjects: packs.flatMap((p) =>
      p.subjects.map((s) => ({ id: cardKey(p.id, s.id), names: [s.name, ...s.aliases] })),
    ),
    ...(options.matcher ? { options: options.matcher } : {}),
  });
  const cards = new Map<string, { pack: Pack; card: Card }>();
  for (const pack of packs)
    for (const card of pack.cards) cards.set(cardKey(pack.id, card.id), { pack, card });
  const choice = (key: string): CardChoice | undefined => {
    const found = cards.get(key);
    return found ? choiceOf(found.pack.id, found.card) : undefined;
  };
  const fallbackSuggestions = topicGroups(packs)
    .map((g) => g.cards[0])
    .filter((c): c is CardChoice => c !== undefined)
    .slice(0, index.options.maxSuggestions);

  const answer = (key: string, confidence: number, suggestions: CardChoice[]): AnswerReply | undefined => {
    const found = cards.get(key);
    if (!found) return undefined;
    const { pack, card } = found;
    const stale = card.reviewBy !== undefined && options.today !== undefined && card.reviewBy < options.today;
    return {
      kind: 'answer',
      card: choiceOf(pack.id, card),
      text: card.answer,
      confidence,
      citation: {
        sourceTitle: pack.source.title,
        sentences: card.source,
        ...(pack.source.url ? { url: pack.source.url } : {}),
      },
      suggestions,
      related: card.related.map((id) => choice(cardKey(pack.id, id))).filter((c): c is CardChoice => !!c),
      ...(stale ? { staleSince: card.reviewBy } : {}),
    };
  };

  const noMatch = (confidence: number, suggestions: CardChoice[]): NoMatchReply => ({
    kind: 'no-match',
    text:
      suggestions.length > 0
        ? 'I have no verified answer to that. Did you mean one of these?'
        : `I have no verified answer to that. I can answer questions about ${packs.map((p) => `“${p.title}”`).join(', ')}; here are some topics.`,
    confidence,
    suggestions: suggestions.length > 0 ? suggestions : fallbackSuggestions,
  });

  return {
    packs,
    ask(query) {
      const guarded = guardInput(query.text);
      if (!guarded.ok) {
        return {
          kind: 'invalid',
          reason: guarded.reason,
          text:
            guarded.reason === 'empty'
              ? 'Please type a question, or "help" to see what I can answer.'
              : 'That message is too long for me. Please ask one question in a sentence or two.',
        };
      }
      const builtin = detectBuiltin(guarded.text);
      if (builtin) return builtinReply(builtin, packs);

      const result = match(index, stripGreeting(guarded.text));
      const decision = decide(result, index.options);
      const suggestions = decision.suggestions.map((c) => choice(c.id)).filter((c): c is CardChoice => !!c);
      if (decision.answer) {
        const reply = answer(decision.answer.id, decision.answer.confidence, suggestions);
        if (reply) return reply;
      }
      return noMatch(result.candidates[0]?.confidence ?? 0, suggestions);
    },
    choose(_query, picked) {
      return answer(cardKey(picked.pack, picked.card), 1, []) ?? noMatch(0, []);
    },
    explain(text) {
      return match(index, stripGreeting(guardInput(text).ok ? text : ''));
    },
  };
}

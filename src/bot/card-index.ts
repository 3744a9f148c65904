import { cardKey, packOfKey } from '../knowledge/card-key.js';
import { nameVariants } from '../knowledge/name-variants.js';
import type { Card, Pack } from '../knowledge/types.js';
import { type BuildOptions, buildIndex, type MatchDoc, type MatchIndex } from '../matcher/build-index.js';
import type { MatcherOptions } from '../matcher/defaults.js';
import { type MatchResult, match } from '../matcher/match.js';
import { englishBackground } from '../text/background.js';
import { englishWordNet } from '../text/wordnet.js';

/** The matcher's index over a set of packs, and the cards and subjects behind its keys. */
export interface CardIndex {
  packs: readonly Pack[];
  index: MatchIndex;
  cards: ReadonlyMap<string, { pack: Pack; card: Card }>;
  subjectNames: ReadonlyMap<string, string>;
}

export function cardDocs(packs: readonly Pack[]): MatchDoc[] {
  return packs.flatMap((pack) =>
    pack.cards.map((card) => ({
      id: cardKey(pack.id, card.id),
      examples: [card.title, ...card.questions],
      keywords: card.aliases,
      // The answer and its source sentences carry every fact of the card.
      body: [card.answer, ...card.source],
      ...(card.subject ? { subject: cardKey(pack.id, card.subject) } : {}),
    })),
  );
}

/**
 * How the packs' questions are read: the pack's own vocabulary (its synonyms and the spellings
 * of its subjects' names) over everyday English and its general synonyms. Tools that index other
 * texts the way the cards are indexed (the review tool, grouping asked questions) build with the same.
 */
export function languageOf(
  packs: readonly Pack[],
): Pick<BuildOptions, 'analyzer' | 'background' | 'wordnet'> {
  return {
    analyzer: {
      synonyms: [
        ...packs.flatMap((p) => p.synonyms),
        ...packs.flatMap((p) => p.subjects.flatMap(nameVariants)),
      ],
    },
    background: englishBackground(),
    wordnet: englishWordNet(),
  };
}

/** Built once per set of packs (at start and on every reload); read-only afterwards. */
export function buildCardIndex(packs: readonly Pack[], matcher?: Partial<MatcherOptions>): CardIndex {
  const index = buildIndex(cardDocs(packs), {
    ...languageOf(packs),
    subjects: packs.flatMap((p) =>
      p.subjects.map((s) => ({ id: cardKey(p.id, s.id), names: [s.name, ...s.aliases], general: s.general })),
    ),
    ...(matcher ? { options: matcher } : {}),
  });
  const cards = new Map<string, { pack: Pack; card: Card }>();
  const subjectNames = new Map<string, string>();
  for (const pack of packs) {
    for (const card of pack.cards) cards.set(cardKey(pack.id, card.id), { pack, card });
    for (const subject of pack.subjects) subjectNames.set(cardKey(pack.id, subject.id), subject.name);
  }
  return { packs, index, cards, subjectNames };
}

/** Matches question text within the packs a conversation may use: all when `allowed` is undefined. */
export function matchCards({ index }: CardIndex, text: string, allowed?: ReadonlySet<string>): MatchResult {
  const result = match(index, text, allowed ? 50 : 5);
  if (!allowed) return result;
  const candidates = result.candidates.filter((c) => allowed.has(packOfKey(c.id))).slice(0, 5);
  return { ...result, candidates };
}

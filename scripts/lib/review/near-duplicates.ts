import { languageOf } from '../../../src/bot/card-index.js';
import type { Pack } from '../../../src/knowledge/types.js';
import { buildIndex } from '../../../src/matcher/build-index.js';
import { match } from '../../../src/matcher/match.js';
import { normalize } from '../../../src/text/normalize.js';

/** Questions asked, grouped: the most asked wording first, then the others the matcher sees as it. */
export interface QuestionGroup {
  question: string;
  count: number;
  /** Every wording in the group with its count, the most asked first. */
  wordings: Array<{ question: string; count: number }>;
}

/**
 * Groups near-duplicate questions by the matcher's own similarity: each distinct wording becomes
 * a document with itself as its one example question, indexed with the packs' synonyms and name
 * spellings; a wording joins a group when the matcher, asked it, would answer with the group's
 * first wording (confidence at or above its own abstention threshold). Wordings are taken most
 * asked first, so each group is led by its most asked wording. No threshold of the review's own.
 */
export function groupNearDuplicates(questions: readonly string[], packs: readonly Pack[]): QuestionGroup[] {
  const counts = new Map<string, { question: string; count: number; first: number }>();
  questions.forEach((question, i) => {
    const key = normalize(question);
    if (!key) return;
    const seen = counts.get(key);
    if (seen) seen.count += 1;
    else counts.set(key, { question, count: 1, first: i });
  });
  const wordings = [...counts.entries()].sort((a, b) => b[1].count - a[1].count || a[1].first - b[1].first);
  if (wordings.length === 0) return [];
  // Every wording ties with itself, its own document: a lead penalty would count that tie
  // against the very match sought.
  const index = buildIndex(
    wordings.map(([key, w]) => ({ id: key, examples: [w.question] })),
    { ...languageOf(packs), options: { ambiguityPenalty: 0 } },
  );
  const groups = new Map<string, QuestionGroup>();
  for (const [key, wording] of wordings) {
    const leader = match(index, wording.question, wordings.length).candidates.find(
      (c) => c.id !== key && groups.has(c.id) && c.confidence >= index.options.abstainBelow,
    );
    const group = leader ? groups.get(leader.id) : undefined;
    if (group) {
      group.count += wording.count;
      group.wordings.push({ question: wording.question, count: wording.count });
    } else {
      groups.set(key, {
        question: wording.question,
        count: wording.count,
        wordings: [{ question: wording.question, count: wording.count }],
      });
    }
  }
  return [...groups.values()].sort((a, b) => b.count - a.count);
}

import { type CardRef, cardKey } from '../../../src/knowledge/card-key.js';
import type { Pack } from '../../../src/knowledge/types.js';
import { decide } from '../../../src/matcher/decide.js';
import { DEFAULT_MATCHER_OPTIONS } from '../../../src/matcher/defaults.js';
import { normalize } from '../../../src/text/normalize.js';
import type { Explainer } from '../../../src/tooling/explainer.js';
import { groupNearDuplicates } from './near-duplicates.js';
import { type Proposal, proposeQuestions } from './proposals.js';
import type { ReviewLog } from './read-log.js';

/** `npm run review -- --json` prints exactly this object. */
export interface Report {
  /** Declined questions, near-duplicates grouped, most asked first, with the cards that came closest. */
  unanswered: Array<{ question: string | null; count: number; closest: CardRef[] }>;
  /** Alternate questions the log proposes per card, with their evidence. */
  proposals: Proposal[];
  /** Answers that got a 👎, with the reason when one was given. */
  feedback: Array<{ pack: string; card: string; question: string | null; reason: string | null; at: string }>;
  /** Every card of the knowledge: answers given in the period and the votes on them; 0 answers is never used. */
  cards: Array<{ pack: string; card: string; title: string; answers: number; up: number; down: number }>;
}

/** What the text report says besides the report. */
export interface ReviewDetails {
  exchanges: number;
  answered: number;
  declined: number;
  votes: number;
  /** Declined in the period, answered by the knowledge as it is now. */
  nowAnswered: number;
  /** Every wording of each unanswered group, in the order of `Report.unanswered`. */
  wordings: Array<Array<{ question: string; count: number }>>;
}

export interface ReportOptions {
  /** Most entries per list (the cards are all listed). */
  limit?: number;
}

/**
 * The review of one period of the log, against the knowledge as it is now: what was declined
 * and is still declined, what the log proposes (minus what a card already answers), 👎s, and
 * per-card counts. Pure: the log is read and the packs are loaded by the caller.
 */
export function buildReport(
  log: ReviewLog,
  packs: readonly Pack[],
  explainer: Explainer,
  options: ReportOptions = {},
): { report: Report; details: ReviewDetails } {
  const limit = options.limit ?? 50;
  const cards = new Map(packs.flatMap((p) => p.cards.map((c) => [cardKey(p.id, c.id), c] as const)));
  const routesTo = (question: string) =>
    decide(explainer.explain(question), DEFAULT_MATCHER_OPTIONS).answer?.id;
  const closest = (question: string): CardRef[] =>
    explainer
      .explain(question)
      .candidates.slice(0, 3)
      .map((c) => refOf(c.id));

  const declined = log.exchanges.filter((e) => e.kind === 'no-match' && e.via === 'text');
  const texts = declined.flatMap((e) => (e.question === null ? [] : [e.question]));
  const stillDeclined = texts.filter((q) => routesTo(q) === undefined);
  const groups = groupNearDuplicates(stillDeclined, packs).slice(0, limit);
  const unanswered: Report['unanswered'] = groups.map((g) => ({
    question: g.question,
    count: g.count,
    closest: closest(g.question),
  }));
  // Without their text (LOG_QUESTIONS=false) declined questions are counted, with the cards offered.
  const untold = declined.filter((e) => e.question === null);
  if (untold.length > 0) {
    const offered = new Map<string, number>();
    for (const e of untold) for (const key of e.suggestions) offered.set(key, (offered.get(key) ?? 0) + 1);
    const top = [...offered].sort((a, b) => b[1] - a[1]).slice(0, 3);
    unanswered.push({ question: null, count: untold.length, closest: top.map(([key]) => refOf(key)) });
  }

  const proposals = proposeQuestions(log)
    .filter((p) => {
      const card = cards.get(cardKey(p.pack, p.card));
      if (!card) return false;
      const asked = normalize(p.question);
      if (card.questions.some((q) => normalize(q) === asked)) return false;
      return routesTo(p.question) !== cardKey(p.pack, p.card);
    })
    .slice(0, limit);

  const byId = new Map(log.exchanges.map((e) => [e.id, e]));
  const feedback: Report['feedback'] = log.votes
    .filter((v) => v.vote === 'down')
    .flatMap((v) => {
      const answer = byId.get(v.exchange);
      if (!answer?.pack || !answer.card) return [];
      return [
        { pack: answer.pack, card: answer.card, question: answer.question, reason: v.reason, at: v.at },
      ];
    })
    .sort((a, b) => b.at.localeCompare(a.at))
    .slice(0, limit);

  const answers = new Map<string, number>();
  const ups = new Map<string, number>();
  const downs = new Map<string, number>();
  for (const e of log.exchanges) {
    if (e.kind === 'answer' && e.pack && e.card)
      answers.set(cardKey(e.pack, e.card), (answers.get(cardKey(e.pack, e.card)) ?? 0) + 1);
  }
  for (const v of log.votes) {
    const answer = byId.get(v.exchange);
    if (!answer?.pack || !answer.card) continue;
    const tally = v.vote === 'up' ? ups : downs;
    const key = cardKey(answer.pack, answer.card);
    tally.set(key, (tally.get(key) ?? 0) + 1);
  }
  const cardRows: Report['cards'] = [...cards].map(([key, card]) => ({
    pack: card.pack,
    card: card.id,
    title: card.title,
    answers: answers.get(key) ?? 0,
    up: ups.get(key) ?? 0,
    down: downs.get(key) ?? 0,
  }));
  cardRows.sort(
    (a, b) =>
      b.answers - a.answers ||
      b.down - a.down ||
      cardKey(a.pack, a.card).localeCompare(cardKey(b.pack, b.card)),
  );

  return {
    report: { unanswered, proposals, feedback, cards: cardRows },
    details: {
      exchanges: log.exchanges.length,
      answered: log.exchanges.filter((e) => e.kind === 'answer').length,
      declined: declined.length,
      votes: log.votes.length,
      nowAnswered: texts.length - stillDeclined.length,
      wordings: groups.map((g) => g.wordings),
    },
  };
}

function refOf(key: string): CardRef {
  const slash = key.indexOf('/');
  return { pack: key.slice(0, slash), card: key.slice(slash + 1) };
}

import { describe, expect, it } from 'vitest';
import { groupNearDuplicates } from '../../scripts/lib/review/near-duplicates.js';
import { proposeQuestions } from '../../scripts/lib/review/proposals.js';
import type { LoggedExchange, LoggedVote, ReviewLog } from '../../scripts/lib/review/read-log.js';
import { buildReport } from '../../scripts/lib/review/report.js';
import { loadPacks } from '../../src/knowledge/load-packs.js';
import { createExplainer } from '../../src/tooling/explainer.js';

const packs = loadPacks('knowledge');
const explainer = createExplainer(packs);
const P = 'us-russia-prisoner-exchange';

let n = 0;
function ex(fields: Partial<LoggedExchange>): LoggedExchange {
  n += 1;
  return {
    id: `ex${String(n).padStart(14, '0')}`,
    at: new Date(Date.UTC(2026, 10, 1, 0, 0, n)).toISOString(),
    platform: 'slack',
    userHash: 'alice',
    shared: false,
    via: 'text',
    question: null,
    kind: 'no-match',
    pack: null,
    card: null,
    confidence: 0.2,
    suggestions: [],
    pickedFrom: null,
    ...fields,
  };
}
const pick = (from: LoggedExchange, card: string, userHash = from.userHash) =>
  ex({ via: 'card', kind: 'answer', pack: P, card, pickedFrom: from.id, userHash, confidence: 1 });
const down = (exchange: LoggedExchange, reason: string | null = null): LoggedVote => ({
  exchange: exchange.id,
  voterHash: 'bob',
  vote: 'down',
  reason,
  at: exchange.at,
});

describe('proposals', () => {
  it('proposes a declined question for the card its asker then picked from the suggestions', () => {
    const declined = ex({
      question: 'what town did it all go down in',
      suggestions: [`${P}/exchange-location`, `${P}/turkey-role`],
    });
    const again = ex({
      question: 'What town did it all go down in?',
      suggestions: [`${P}/exchange-location`],
      userHash: 'carol',
    });
    const log: ReviewLog = {
      exchanges: [declined, pick(declined, 'exchange-location'), again, pick(again, 'exchange-location')],
      votes: [],
    };
    expect(proposeQuestions(log)).toEqual([
      {
        pack: P,
        card: 'exchange-location',
        question: 'what town did it all go down in',
        evidence: { count: 2, declinedThenPicked: 2, runnerUpPicked: 0, lowMarginDown: 0 },
      },
    ]);
  });

  it('takes no pick by someone else, nor of a card that was not offered (a forged click)', () => {
    const declined = ex({
      question: 'what town did it all go down in',
      suggestions: [`${P}/exchange-location`],
    });
    const log: ReviewLog = {
      exchanges: [declined, pick(declined, 'exchange-location', 'mallory'), pick(declined, 'krasikov-who')],
      votes: [],
    };
    expect(proposeQuestions(log)).toEqual([]);
  });

  it('proposes a low-margin answer that got a 👎 for its runner-up, or for the runner-up picked', () => {
    const close = ex({
      question: 'where were they handed over',
      kind: 'answer',
      pack: P,
      card: 'exchange-location',
      suggestions: [`${P}/exchange-airport`],
    });
    const closeToo = ex({
      question: 'who arranged it all',
      kind: 'answer',
      pack: P,
      card: 'exchange-overview',
      suggestions: [`${P}/turkey-role`, `${P}/us-advocacy`],
    });
    const proposals = proposeQuestions({
      exchanges: [close, closeToo, pick(closeToo, 'us-advocacy')],
      votes: [down(close), down(closeToo)],
    });
    expect(
      proposals.map((p) => [p.card, p.question, p.evidence.lowMarginDown, p.evidence.runnerUpPicked]),
    ).toEqual([
      ['exchange-airport', 'where were they handed over', 1, 0],
      ['us-advocacy', 'who arranged it all', 0, 1],
    ]);
  });
});

describe('near-duplicate grouping', () => {
  it('groups wordings the matcher reads as one question, led by the most asked', () => {
    const groups = groupNearDuplicates(
      [
        'who paid the ransom?',
        'Who paid the ransom',
        'who paid the ransom??',
        'who paid ransom',
        'what is the weather in Paris?',
        'weather in paris',
        'how old is Gershkovich?',
      ],
      packs,
    );
    expect(groups.map((g) => [g.question, g.count])).toEqual([
      ['who paid the ransom?', 4],
      ['what is the weather in Paris?', 2],
      ['how old is Gershkovich?', 1],
    ]);
    expect(groups[0]?.wordings.map((w) => w.question)).toEqual(['who paid the ransom?', 'who paid ransom']);
  });
});

describe('buildReport', () => {
  it('prints exactly unanswered, proposals, feedback and cards; counts answers and votes per card', () => {
    const answer = ex({
      question: 'who is Krasikov?',
      kind: 'answer',
      pack: P,
      card: 'krasikov-who',
      shared: true,
    });
    const answered = ex({ question: 'who is Krasikov', kind: 'answer', pack: P, card: 'krasikov-who' });
    const declined = ex({ question: "what did Erdogan's government do", suggestions: [`${P}/krasikov-who`] });
    // Declined back then, answered by the cards now: not listed as unanswered.
    const fixedSince = ex({ question: 'Who is Vedim Krasikov?' });
    const log: ReviewLog = {
      exchanges: [answer, answered, declined, fixedSince],
      votes: [down(answer, 'wrong person'), { ...down(answer), voterHash: 'carol', vote: 'up' }],
    };
    const { report, details } = buildReport(log, packs, explainer);
    expect(Object.keys(report)).toEqual(['unanswered', 'proposals', 'feedback', 'cards']);
    expect(report.unanswered).toEqual([
      { question: "what did Erdogan's government do", count: 1, closest: expect.any(Array) },
    ]);
    expect(report.unanswered[0]?.closest[0]).toEqual({ pack: expect.any(String), card: expect.any(String) });
    expect(details.nowAnswered).toBe(1);
    expect(report.feedback).toEqual([
      { pack: P, card: 'krasikov-who', question: 'who is Krasikov?', reason: 'wrong person', at: answer.at },
    ]);
    expect(report.cards[0]).toMatchObject({ pack: P, card: 'krasikov-who', answers: 2, up: 1, down: 1 });
    expect(report.cards).toHaveLength(packs.reduce((sum, p) => sum + p.cards.length, 0));
    expect(report.cards.filter((c) => c.answers === 0)).toHaveLength(report.cards.length - 1);
  });

  it('drops a proposal the card already answers, or whose card no longer exists', () => {
    const declined = ex({
      question: 'Who is Vedim Krasikov?',
      suggestions: [`${P}/krasikov-who`, `${P}/gone-card`],
    });
    const { report } = buildReport(
      { exchanges: [declined, pick(declined, 'krasikov-who'), pick(declined, 'gone-card')], votes: [] },
      packs,
      explainer,
    );
    expect(report.proposals).toEqual([]);
  });
});

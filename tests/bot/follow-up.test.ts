import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectBuiltin } from '../../src/bot/builtins.js';
import { buildCardIndex } from '../../src/bot/card-index.js';
import { asksSomething, isFollowUp } from '../../src/bot/follow-up.js';
import type { Query } from '../../src/bot/query.js';
import { createResponder } from '../../src/bot/respond.js';
import { loadPacks } from '../../src/knowledge/load-packs.js';
import type { MatchResult, QueryTerm } from '../../src/matcher/match.js';
import type { Remembered } from '../../src/state/conversations.js';
import { createExplainer } from '../../src/tooling/explainer.js';

const packs = loadPacks('knowledge');
const respond = createResponder(buildCardIndex(packs));
const explainer = createExplainer(packs);
const query = (text: string): Query => ({ text, user: 'u', conversation: 'c', platform: 'console' });
/** What a conversation remembers after the bot answered `question`. */
const answeredAbout = (question: string): Remembered => {
  const { reply, remember } = respond(query(question), undefined);
  if (reply.kind !== 'answer' || !remember) throw new Error(`expected "${question}" to be answered`);
  return remember;
};
const subjectOf = (text: string, previous: Remembered) => {
  const { reply } = respond(query(text), previous);
  if (reply.kind !== 'answer') return undefined;
  return packs.flatMap((p) => p.cards).find((c) => c.id === reply.card.card)?.subject;
};
/** Conversations about different subjects of the bundled story, so that no rule fits one. */
const OPENERS = [
  'Who is Krasikov?',
  'Who is Gershkovich?',
  'Who is Paul Whelan?',
  'Where did the exchange take place?',
];

describe('isFollowUp', () => {
  const term = (typed: string, known = true): QueryTerm => ({
    typed,
    ...(known ? { known: typed } : {}),
    edits: 0,
    strength: 1,
    focus: true,
    weight: 1,
  });
  const result = (terms: QueryTerm[], questionType?: MatchResult['questionType']): MatchResult => ({
    terms,
    subjects: [],
    candidates: [],
    ...(questionType ? { questionType } : {}),
  });

  it.each([
    ['what was he sentenced to?', result([term('sentenc')])],
    ['what unit?', result([term('unit')])],
    ['when?', result([], 'when')],
    ['and his age?', result([term('age', false)], 'howold')],
    ['what did he do?', result([])],
    ['what is this article about?', result([])],
    ['tell me about his sentence', result([term('sentenc')])],
    ['where is she now', result([], 'where')],
  ])('reads %j as a follow-up: it asks, leans on what came before, and says what it asks', (text, r) => {
    expect(isFollowUp(text, r)).toBe(true);
  });

  it.each([
    ['I like pizza.', result([term('pizza', false)])],
    ['he is bad', result([term('bad', false)])],
    ['the sentence was harsh', result([term('sentenc'), term('harsh', false)])],
    ['what else?', result([])],
    ['really?', result([])],
    ['huh?', result([term('huh', false)])],
    ['tell me more', result([])],
    ['is that so?', result([])],
    ['x?q', result([term('q', false)])],
    ['x?', result([term('x')])],
  ])('does not read %j as a follow-up', (text, r) => {
    expect(isFollowUp(text, r)).toBe(false);
  });

  it('tells a question from a statement by English alone', () => {
    const none = result([]);
    for (const q of [
      'is he free?',
      'Was he released',
      'so when did it happen',
      'And where is he',
      'explain the deal',
    ]) {
      expect(asksSomething(q, none)).toBe(true);
    }
    for (const s of ['I like pizza.', 'he was released', 'that is crazy', 'the deal was bad']) {
      expect(asksSomething(s, none)).toBe(false);
    }
  });
});

describe('chatter after an answer', () => {
  const CHATTER = [
    'lol',
    'ok',
    'okay',
    'hmm',
    'hmmm ok',
    'haha',
    'wow',
    'cool',
    'nice',
    'i see',
    'got it',
    'interesting',
    'really?',
    'huh?',
    'ok?',
    'who cares',
    '👍',
    '🙂',
    ':)',
    '!!',
    'thanks',
    'thanks a lot',
    'I like pizza.',
    'That is so sad.',
    'My brother lives in Berlin.',
    'what else?',
    'tell me more',
  ];

  it.each(CHATTER)('%j gets a built-in reply or a no-match, never a card', (text) => {
    for (const opener of OPENERS) {
      const { reply } = respond(query(text), answeredAbout(opener));
      expect(reply.kind, `"${text}" after "${opener}"`).not.toBe('answer');
      expect(['builtin', 'no-match']).toContain(reply.kind);
    }
  });

  it('answers reactions and acknowledgements with the short built-in reply', () => {
    for (const text of ['lol', 'ok', 'hmm', 'haha', 'wow', 'i see', 'really?', '👍', ':)']) {
      expect(detectBuiltin(text), text).toBe('chatter');
    }
    // Questions that open like chatter are still questions.
    for (const text of [
      'ok who is Krasikov?',
      'so what did he do?',
      'really, where was it?',
      'no one was hurt?',
    ]) {
      expect(detectBuiltin(text), text).toBeUndefined();
    }
  });

  it('keeps real follow-ups on the conversation’s subject', () => {
    const gershkovich = answeredAbout('Who is Gershkovich?');
    expect(subjectOf('what was he sentenced to?', gershkovich)).toBe('gershkovich');
    expect(subjectOf('why was he arrested?', gershkovich)).toBe('gershkovich');
    const krasikov = answeredAbout('Who is Krasikov?');
    expect(subjectOf('what was he sentenced to?', krasikov)).toBe('krasikov');
    expect(subjectOf('what unit?', krasikov)).toBe('krasikov');
    expect(subjectOf('his crime?', krasikov)).toBe('krasikov');
    expect(subjectOf('what did he do?', krasikov)).toBe('krasikov');
    // Asked, and read as a follow-up, even where the cards have no answer: then a no-match.
    for (const text of ['and his age?', 'when?']) {
      expect(isFollowUp(text, explainer.explain(text)), text).toBe(true);
    }
  });

  it('property: memory changes nothing for a message that asks nothing', () => {
    const previous = answeredAbout('Who is Krasikov?');
    fc.assert(
      fc.property(
        fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.stringMatching(/^[a-z .,!']{1,40}$/)),
        (text) => {
          if (asksSomething(text, explainer.explain(text))) return;
          expect(respond(query(text), previous)).toEqual(respond(query(text), undefined));
        },
      ),
      { numRuns: 1000 },
    );
  });

  it('of 10,000 random strings after an answer, memory adds a card to at most 0.5% and 2% get one at all', () => {
    // Measured with the issue-10 matcher: 21 of these 10,000 get a card after "Who is Krasikov?",
    // the same 21 as with no conversation at all (bare numbers such as "3" match a card on their
    // own); when any short text leaned on the last subject, 5,407 did.
    const texts = fc.sample(
      fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.string({ unit: 'binary' })),
      {
        numRuns: 10_000,
        seed: 7,
      },
    );
    for (const opener of OPENERS.slice(0, 2)) {
      const previous = answeredAbout(opener);
      let carded = 0;
      let cardedAlone = 0;
      for (const text of texts) {
        if (respond(query(text), previous).reply.kind === 'answer') carded++;
        if (respond(query(text), undefined).reply.kind === 'answer') cardedAlone++;
      }
      expect(carded - cardedAlone, opener).toBeLessThanOrEqual(50);
      expect(carded, opener).toBeLessThanOrEqual(200);
    }
  }, 120_000);
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildIndex, type MatchDoc } from '../../src/matcher/build-index.js';
import { decide } from '../../src/matcher/decide.js';
import { match } from '../../src/matcher/match.js';
import { parseSenseIndex } from '../../src/text/wordnet.js';

// A tiny made-up domain, so these tests pin the matcher's behaviour, not the bundled cards.
const DOCS: MatchDoc[] = [
  {
    id: 'lighthouse-keeper',
    subject: 'moreau',
    examples: ['Who is Odile Moreau?', 'who keeps the lighthouse', 'what does Moreau do'],
    keywords: ['Odile Moreau', 'Moreau', 'keeper'],
    body: ['Odile Moreau keeps the lighthouse of Quimper.'],
  },
  {
    id: 'lighthouse-place',
    subject: 'lighthouse',
    examples: ['Where is the lighthouse?', 'lighthouse location', 'which town has the lighthouse'],
    keywords: ['lighthouse', 'Quimper'],
    body: ['The lighthouse stands at Quimper.'],
  },
  {
    id: 'lighthouse-height',
    subject: 'lighthouse',
    examples: ['How tall is the lighthouse?', 'lighthouse height', 'how high is the tower'],
    keywords: ['lighthouse', 'height', 'tall', 'metres'],
    body: ['The lighthouse is 60 metres tall.'],
  },
  {
    id: 'moreau-sentence',
    subject: 'moreau',
    examples: [
      'How long was Moreau sentenced to?',
      'Moreau prison sentence',
      'how many years did Moreau get',
    ],
    keywords: ['Moreau', 'sentence'],
    body: ['Moreau was sentenced to two years.'],
  },
];
const SUBJECTS = [
  { id: 'moreau', names: ['Odile Moreau', 'Moreau', 'Odile'] },
  { id: 'lighthouse', names: ['lighthouse'] },
];
const index = buildIndex(DOCS, { subjects: SUBJECTS });
const top = (q: string) => match(index, q).candidates[0];

describe('match', () => {
  it('holds a "which three …" question to a doc that lists three names', () => {
    const docs: MatchDoc[] = [
      {
        id: 'counted',
        examples: ['How many pools close?', 'pool closures'],
        body: ['Three of the nine public pools will close this summer.'],
      },
      {
        id: 'named',
        examples: ['How many beaches close?', 'beach closures'],
        body: ['The beaches at Ardmore, Kilkee and Lahinch will close this summer.'],
      },
    ];
    const small = buildIndex(docs);
    const fits = (q: string) => match(small, q).candidates[0]?.askedForFits;
    expect(fits('Which three pools will close?')).toBe(false);
    expect(fits('Which three beaches will close?')).toBe(true);
    expect(fits('How many pools will close?')).toBe(true);
  });

  it('reads an unknown given name before a known family name as that subject ("Odette Moreau")', () => {
    const readsOdette = (q: string) => match(index, q).terms.some((t) => t.typed.startsWith('odet'));
    expect(readsOdette('What does Odette Moreau do?')).toBe(false);
    expect(match(index, 'What does Odette Moreau do?').candidates[0]?.id).toBe('lighthouse-keeper');
    // Not before a word that only starts a name, nor before a word the cards do not know as a name.
    expect(readsOdette('What does Odette Lighthouse do?')).toBe(true);
    expect(readsOdette('Did Odette Quimper keep it?')).toBe(true);
  });

  it('reads a near miss of the name part after a known one as that name ("Jane Austin")', () => {
    // "morean" here is a common English word, as "boot" is: alone it is meant as typed.
    const english = buildIndex(DOCS, {
      subjects: SUBJECTS,
      wordnet: parseSenseIndex('morean%1:18:00:: 09999999 1 0'),
      background: { bits: (w) => (w === 'morean' ? 14 : 25) },
    });
    const known = (q: string) => match(english, q).terms.map((t) => t.known);
    expect(known('What does Odile Morean do?')).toContain('moreau');
    expect(match(english, 'What does Odile Morean do?').candidates[0]?.id).toBe('lighthouse-keeper');
    expect(known('What does the lighthouse Morean do?')).not.toContain('moreau');
  });

  it('reads a word English barely uses, one edit from a known name, as that name ("grinner")', () => {
    // In this tiny WordNet as "grinner" is in the real one, yet rare: the name mistyped.
    const wordnet = parseSenseIndex('heighth%1:07:00:: 09999997 1 0\nmoreax%1:18:00:: 09999998 1 0');
    const english = buildIndex(DOCS, { subjects: SUBJECTS, wordnet });
    const known = (q: string, typed: string) => match(english, q).terms.find((t) => t.typed === typed)?.known;
    expect(known('who is moreax', 'moreax')).toBe('moreau');
    // A word of English near a word that names no subject is still meant as typed.
    expect(known('lighthouse heighth', 'heighth')).toBeUndefined();
    // So is one near a subject's name that is a common word ("lenders" is not "leader").
    const common = buildIndex(DOCS, {
      subjects: SUBJECTS,
      wordnet: parseSenseIndex('lighthousr%1:06:00:: 09999996 1 0'),
      background: { bits: (w) => (w === 'lighthouse' ? 14 : 25) },
    });
    expect(
      match(common, 'lighthousr height').terms.find((t) => t.typed === 'lighthousr')?.known,
    ).toBeUndefined();
  });

  it('asks for nothing with a mistyped function word ("which peple")', () => {
    const docs: MatchDoc[] = [
      {
        id: 'aboard',
        examples: ['Who was on the train?', 'passengers aboard'],
        body: ['The train carried 312 passengers and 14 crew.'],
      },
      { id: 'cause', examples: ['Why did the train derail?'], body: ['A broken rail derailed the train.'] },
    ];
    const small = buildIndex(docs);
    const fits = (q: string) => match(small, q).candidates.find((c) => c.id === 'aboard')?.askedForFits;
    expect(fits('Which peple were on the train?')).toBe(true);
    expect(fits('Which children were on the train?')).toBe(false);
  });

  it('reads a hurried question word as the word meant, unless a doc uses it', () => {
    expect(match(index, 'wher is the lighthouse').questionType).toBe('where');
    const temple = buildIndex([...DOCS, { id: 'temple', examples: ['Wat Arun opening hours'] }]);
    expect(match(temple, 'wat arun hours').candidates[0]?.id).toBe('temple');
    expect(match(temple, 'wat arun hours').questionType).toBeUndefined();
  });

  it('ranks the doc whose examples fit best', () => {
    expect(top('where can I find the lighthouse')?.id).toBe('lighthouse-place');
    expect(top('how tall is it, the lighthouse')?.id).toBe('lighthouse-height');
    expect(top('who is moreau')?.id).toBe('lighthouse-keeper');
  });

  it('corrects typos of known terms within an edit bound', () => {
    const result = match(index, 'who is moreou');
    expect(result.terms.find((t) => t.typed === 'moreou')).toMatchObject({ known: 'moreau', edits: 1 });
    expect(result.candidates[0]?.id).toBe('lighthouse-keeper');
  });

  it('does not read a capitalised unknown name as a term two edits away', () => {
    const naval = buildIndex([{ id: 'navy', examples: ['naval officer', 'who served in the navy'] }], {
      analyzer: { synonyms: [['navy', 'naval']] },
    });
    expect(match(naval, 'Who is Navalny?').terms.find((t) => t.typed === 'navalny')?.known).toBeUndefined();
    expect(match(naval, 'who is navalny').terms.find((t) => t.typed === 'navalny')?.known).toBe('navy');
  });

  it('reads a word English has as meant, not as a typo of a doc word', () => {
    expect(match(index, 'lighthouse weight').terms.find((t) => t.typed === 'weight')?.known).toBe('height');
    const wordnet = parseSenseIndex('weight%1:07:00:: 05026843 1 30');
    const english = buildIndex(DOCS, { subjects: SUBJECTS, wordnet });
    expect(
      match(english, 'lighthouse weight').terms.find((t) => t.typed === 'weight')?.known,
    ).toBeUndefined();
    expect(match(english, 'lighthouse heigth').terms.find((t) => t.typed === 'heigth')?.known).toBe('height');
  });

  it('counts a word naming the kind of answer only for a doc that has it', () => {
    const dated = buildIndex(
      [...DOCS, { id: 'lighthouse-opening', examples: ['lighthouse opening date', 'when did it open'] }],
      { subjects: SUBJECTS },
    );
    const coverage = (q: string) =>
      match(dated, q).candidates.find((c) => c.id === 'lighthouse-height')?.coverage;
    expect(coverage('lighthouse height date')).toBeCloseTo(coverage('lighthouse height') ?? 0, 6);
    expect(coverage('lighthouse height zanzibarian')).toBeLessThan(coverage('lighthouse height') ?? 0);
    expect(match(dated, 'lighthouse date').candidates[0]?.id).toBe('lighthouse-opening');
    // Unknown to every doc, it is dropped rather than counted against them all.
    expect(match(index, 'lighthouse height size').terms.map((t) => t.typed)).toEqual(
      match(index, 'lighthouse height').terms.map((t) => t.typed),
    );
  });

  it('corrects a typo against words as written in the docs, not only their stems', () => {
    const result = match(index, 'lighthouse heigth');
    expect(result.terms.find((t) => t.typed === 'heigth')).toMatchObject({ known: 'height', edits: 1 });
  });

  it('drops a mistyped function word instead of counting it as content', () => {
    const typed = match(index, 'lighthouse height befor');
    expect(typed.terms.map((t) => t.typed)).toEqual(
      match(index, 'lighthouse height').terms.map((t) => t.typed),
    );
  });

  it('drops a short mistyped function word ("wil", "hw") only when English has no such word', () => {
    // A tiny WordNet that lists "bow" (one edit from "how") but not "hw" or "wil".
    const wordnet = parseSenseIndex('bow%1:06:00:: 02879718 1 5');
    const english = buildIndex(DOCS, { subjects: SUBJECTS, wordnet });
    const typed = (q: string) => match(english, q).terms.map((t) => t.typed);
    expect(typed('hw tall wil the lighthouse be')).toEqual(typed('tall the lighthouse'));
    expect(typed('bow of the lighthouse')).toContain('bow');
  });

  it('reads a WordNet synonym of a doc word as that word, with less credit', () => {
    const wordnet = parseSenseIndex(
      ['lanky%3:00:00:: 02385102 1 0', 'tall%3:00:00:: 02385102 1 5'].join('\n'),
    );
    const withWordNet = buildIndex(DOCS, {
      subjects: SUBJECTS,
      wordnet,
      options: { relatedWordCredit: 0.8 },
    });
    const term = match(withWordNet, 'how lanky is the lighthouse').terms.find((t) => t.typed === 'lanky');
    expect(term).toMatchObject({ known: 'tall', strength: withWordNet.options.relatedWordCredit });
    expect(match(withWordNet, 'how lanky is the lighthouse').candidates[0]?.id).toBe('lighthouse-height');
    // Off by default: on the eval stories it cost as much as it gained (README, Measurements).
    const off = buildIndex(DOCS, { subjects: SUBJECTS, wordnet });
    expect(match(off, 'how lanky is the lighthouse').terms.find((t) => t.typed === 'lanky')?.known).toBe(
      undefined,
    );
  });

  it('takes the kind of answer from the body when no example asks it', () => {
    const when = match(index, 'When was Moreau sentenced').candidates.find((c) => c.id === 'moreau-sentence');
    expect(when?.questionTypeFits).toBe(false);
    const dated = buildIndex(
      DOCS.map((d) =>
        d.id === 'moreau-sentence' ? { ...d, body: ['Moreau was sentenced on 3 May 2021.'] } : d,
      ),
      { subjects: SUBJECTS },
    );
    const fits = match(dated, 'When was Moreau sentenced').candidates.find((c) => c.id === 'moreau-sentence');
    expect(fits?.questionTypeFits).toBe(true);
  });

  it('lowers the confidence of a doc that barely leads another', () => {
    const q = 'lighthouse';
    const plain = buildIndex(DOCS, { subjects: SUBJECTS, options: { ambiguityPenalty: 0 } });
    const wary = buildIndex(DOCS, {
      subjects: SUBJECTS,
      options: { ambiguityPenalty: 0.5, ambiguityLead: 0.2 },
    });
    const [a, b] = match(plain, q).candidates;
    const lead = (a?.confidence ?? 0) - (b?.confidence ?? 0);
    expect(lead).toBeLessThan(0.2);
    const expected = (a?.confidence ?? 0) * (1 - 0.5 * (1 - lead / 0.2));
    expect(match(wary, q).candidates[0]?.confidence).toBeCloseTo(expected, 6);
  });

  it('counts words no doc knows against every doc', () => {
    const known = top('lighthouse height')?.confidence ?? 0;
    const withUnknown = top('lighthouse height in the zanzibarian calendar')?.confidence ?? 0;
    expect(withUnknown).toBeLessThan(known);
  });

  it('lowers confidence when the question type does not fit any example', () => {
    const when = match(index, 'When was the lighthouse height measured').candidates.find(
      (c) => c.id === 'lighthouse-height',
    );
    expect(when?.questionTypeFits).toBe(false);
    expect(when?.confidence).toBeLessThan(top('lighthouse height')?.confidence ?? 0);
  });

  it('prefers docs about the subject the question names', () => {
    const result = match(index, 'how tall is Moreau');
    const height = result.candidates.find((c) => c.id === 'lighthouse-height');
    expect(result.subjects).toEqual(['moreau']);
    expect(height?.subjectFits).toBe(false);
  });

  it('lets docs about the story itself answer whoever the question names', () => {
    const story = buildIndex(DOCS, {
      subjects: [
        { id: 'moreau', names: ['Odile Moreau', 'Moreau', 'Odile'] },
        { id: 'lighthouse', names: ['lighthouse'], general: true },
      ],
    });
    const height = match(story, 'how tall is Moreau').candidates.find((c) => c.id === 'lighthouse-height');
    expect(height?.subjectFits).toBe(true);
  });

  it('returns no candidates for text without content, unless a learned classifier offers weak ones', () => {
    const lexical = buildIndex(DOCS, {
      subjects: SUBJECTS,
      options: { classifierHalfShareAt: Number.POSITIVE_INFINITY },
    });
    expect(match(lexical, '?!').candidates).toEqual([]);
    expect(match(lexical, 'the of and').candidates).toEqual([]);
    for (const c of match(index, 'the of and').candidates)
      expect(c.confidence).toBeLessThan(index.options.abstainBelow);
  });

  it('is pure: same index and text, same result', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => {
        expect(match(index, s)).toEqual(match(index, s));
      }),
      { numRuns: 50 },
    );
  });

  it('keeps confidences in [0, 1], best first', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.constantFrom('lighthouse', 'moreau', 'tall', 'where', 'who', 'xyzzy', 'sentence', 'years'),
          { maxLength: 8 },
        ),
        (words) => {
          const { candidates } = match(index, words.join(' '));
          for (const c of candidates) {
            expect(c.confidence).toBeGreaterThanOrEqual(0);
            expect(c.confidence).toBeLessThanOrEqual(1);
          }
          for (let i = 1; i < candidates.length; i++) {
            expect(candidates[i - 1]?.confidence).toBeGreaterThanOrEqual(candidates[i]?.confidence ?? 0);
          }
        },
      ),
    );
  });
});

describe('decide', () => {
  it('abstains below the threshold and offers suggestions above the floor', () => {
    const result = match(index, 'lighthouse');
    const strict = decide(result, { ...index.options, abstainBelow: 1.01 });
    expect(strict.answer).toBeUndefined();
    expect(strict.suggestions.length).toBeGreaterThan(0);
    expect(strict.suggestions.length).toBeLessThanOrEqual(index.options.maxSuggestions);
  });

  it('raises the confidence of long questions, whose chat words weigh on it', () => {
    const q =
      'My aunt, my cousin and my grandfather argued over dinner in the garden all evening about this: the lighthouse height?';
    const plain = buildIndex(DOCS, {
      subjects: SUBJECTS,
      options: { longQuestionBoost: 1, ambiguityPenalty: 0 },
    });
    const boosted = buildIndex(DOCS, {
      subjects: SUBJECTS,
      options: { longQuestionBoost: 1.5, ambiguityPenalty: 0 },
    });
    const before = match(plain, q).candidates[0]?.confidence ?? 0;
    expect(match(plain, q).terms.length).toBeGreaterThan(plain.options.longQuestionTerms);
    expect(match(boosted, q).candidates[0]?.confidence).toBeCloseTo(Math.min(1, before * 1.5), 6);
    const short = match(plain, 'lighthouse height').candidates[0]?.confidence;
    expect(match(boosted, 'lighthouse height').candidates[0]?.confidence).toBe(short);
  });

  it('answers above the threshold and suggests only close runners-up', () => {
    const result = match(index, 'lighthouse');
    const d = decide(result, { ...index.options, abstainBelow: 0, closeMargin: 1 });
    expect(d.answer?.id).toBe(result.candidates[0]?.id);
    expect(d.suggestions.map((s) => s.id)).not.toContain(d.answer?.id);
    const none = decide(result, { ...index.options, abstainBelow: 0, closeMargin: 0 });
    expect(none.suggestions.every((s) => s.confidence === d.answer?.confidence)).toBe(true);
  });
});

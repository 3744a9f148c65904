import { describe, expect, it } from 'vitest';
import { hygieneProblems, type LabelledSet } from '../../scripts/lib/hygiene.js';
import { loadDeclinedQuestions } from '../../scripts/lib/review/measure-loop.js';
import { allStoryPacks, findStories, loadSet, storyPacks } from '../../scripts/lib/stories.js';
import type { Pack } from '../../src/knowledge/types.js';

/** Every story's question sets, labelled for {@link hygieneProblems}. */
function storySets(): LabelledSet[] {
  return findStories().flatMap((story) => {
    const packs = storyPacks(story);
    return story.sets.map((set) => ({
      name: `${story.id}/${set.name}`,
      story: story.id,
      tuning: set.tuning,
      items: loadSet(set),
      packs,
    }));
  });
}

describe('evaluation hygiene', () => {
  it('GIVEN every story THEN no eval question is a card example question or sits in two sets', () => {
    const sets = storySets();
    expect(sets.length).toBeGreaterThan(0);
    expect(hygieneProblems(sets)).toEqual([]);
  });

  it("GIVEN the learning loop's declined questions THEN none, nor its paraphrase, is in an eval set or a card", () => {
    // The loop adds these to cards (review:measure), as tuning does: they may sit in no other set.
    const fixture = loadDeclinedQuestions('tests/fixtures/declined-questions.yaml');
    const sets = storySets();
    const loop: LabelledSet = {
      name: 'tests/fixtures/declined-questions',
      story: 'learning-loop',
      tuning: true,
      packs: allStoryPacks(findStories()),
      items: fixture.flatMap((item) => {
        const expect = [item.card.slice(item.card.indexOf('/') + 1)];
        return [item.q, item.paraphrase].map((q) => ({ q, expect, tags: [] }));
      }),
    };
    expect(loop.items.length).toBeGreaterThan(0);
    expect(hygieneProblems([...sets, loop])).toEqual([]);
  });

  it('GIVEN a copied example question, a repeat and an unknown card THEN each is reported', () => {
    const pack: Pack = {
      id: 'demo',
      title: 'Demo',
      source: { title: 'Demo', path: 'demo/source.txt', text: 'Moreau keeps the lighthouse.' },
      subjects: [],
      synonyms: [],
      cards: [
        {
          id: 'keeper',
          pack: 'demo',
          title: 'Keeper',
          answer: 'Moreau keeps the lighthouse.',
          questions: ['Who keeps the lighthouse?'],
          aliases: [],
          source: ['Moreau keeps the lighthouse.'],
          related: [],
        },
      ],
    };
    const problems = hygieneProblems([
      {
        name: 'demo/dev',
        story: 'demo',
        tuning: true,
        packs: [pack],
        items: [
          { q: 'who keeps the LIGHTHOUSE', expect: ['keeper'], tags: [] },
          { q: 'Is the lamp electric?', expect: 'none', tags: [] },
        ],
      },
      {
        name: 'demo/test',
        story: 'demo',
        tuning: false,
        packs: [pack],
        items: [
          { q: 'is the lamp electric', expect: 'none', tags: [] },
          { q: 'How old is the keeper?', expect: ['keeper-age'], tags: [] },
        ],
      },
    ]);
    expect(problems).toEqual([
      'demo/dev: "who keeps the LIGHTHOUSE" is an example question of demo/keeper',
      'demo/test: "is the lamp electric" is also in demo/dev',
      'demo/test: "How old is the keeper?" expects keeper-age, which no card has',
    ]);
  });

  it('GIVEN the same chit-chat in the test sets of two stories THEN it passes, in a dev set it fails', () => {
    const item = { q: 'tell me a joke', expect: 'none' as const, tags: [] };
    const set = (story: string, tuning: boolean) => ({
      name: `${story}/${tuning ? 'dev' : 'test'}`,
      story,
      tuning,
      packs: [],
      items: [item],
    });
    expect(hygieneProblems([set('a', false), set('b', false)])).toEqual([]);
    expect(hygieneProblems([set('a', true), set('b', false)])).toEqual([
      'b/test: "tell me a joke" is also in a/dev',
    ]);
    expect(hygieneProblems([set('a', false), set('b', true)])).toEqual([
      'b/dev: "tell me a joke" is also in a/test',
    ]);
  });
});

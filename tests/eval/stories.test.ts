import { describe, expect, it } from 'vitest';
import {
  findStories,
  STORIES_DIR,
  storyPacks,
  withExamples,
  withoutCardAliases,
} from '../../scripts/lib/stories.js';
import { ErrorCode, FactdeskError } from '../../src/errors.js';

describe('evaluation stories', () => {
  const stories = findStories();

  it('finds the bundled story and stories with their own pack, each with a test set, most with dev sets', () => {
    expect(stories.filter((s) => s.bundled).map((s) => s.id)).toEqual(['us-russia-prisoner-exchange']);
    expect(stories.filter((s) => !s.bundled).length).toBeGreaterThanOrEqual(3);
    // Stories with no dev set are only reported on; most must be there to tune on.
    expect(stories.filter((s) => s.sets.some((set) => set.tuning)).length).toBeGreaterThan(
      stories.length / 2,
    );
    for (const story of stories) {
      expect(
        story.sets.filter((s) => !s.tuning).map((s) => s.name),
        story.id,
      ).toEqual(['test']);
    }
  });

  it('runs a story with its own pack alone, the bundled one with all of knowledge/', () => {
    const own = stories.find((s) => !s.bundled);
    expect(own && storyPacks(own).map((p) => p.id)).toEqual([own?.id]);
    const bundled = stories.find((s) => s.bundled);
    expect(bundled && storyPacks(bundled).map((p) => p.id)).toContain('factdesk-faq');
  });

  it("reads the bundled story's packs from the knowledge folder given, and says when its pack is not there", () => {
    const bundled = stories.find((s) => s.bundled);
    expect(bundled && storyPacks(bundled, 'knowledge').map((p) => p.id)).toContain('factdesk-faq');
    // The stories' folder holds the other stories' packs, not the bundled one.
    expect(() => bundled && storyPacks(bundled, STORIES_DIR)).toThrow(
      new FactdeskError(
        ErrorCode.KnowledgeMissing,
        `${bundled?.dir}: no pack.yaml here and no pack "us-russia-prisoner-exchange" in ${STORIES_DIR}/`,
      ),
    );
  });

  it("makes a first-day pack: the first N example questions, and no aliases but the subjects' names", () => {
    const story = stories.find((s) => !s.bundled);
    const packs = story ? storyPacks(story) : [];
    const cold = withoutCardAliases(withExamples(packs, 3));
    for (const [p, pack] of cold.entries()) {
      for (const [c, card] of pack.cards.entries()) {
        const original = packs[p]?.cards[c];
        expect(card.questions).toEqual(original?.questions.slice(0, 3));
        const subject = pack.subjects.find((s) => s.id === card.subject);
        expect(card.aliases).toEqual(subject ? [subject.name, ...subject.aliases] : []);
      }
    }
  });
});

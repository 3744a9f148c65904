/**
 * Measures the learning loop on the bundled pack (`npm run review:measure`, `-- --json`): how
 * many declined questions (tests/fixtures/declined-questions.yaml) become answered once the
 * review's proposals are accepted, their paraphrases too, and what that does to the held-out
 * figures. Works on a copy of the knowledge; the bundled pack is not changed.
 */
import { loadDeclinedQuestions, measureLoop } from './lib/review/measure-loop.js';
import { BUNDLED_KNOWLEDGE, findStories } from './lib/stories.js';

const json = process.argv.includes('--json');
// The bundled story's report sets (its clean test set), never the dev sets it was tuned on.
const heldOutSets = findStories()
  .filter((story) => story.bundled)
  .flatMap((story) =>
    story.sets
      .filter((set) => !set.tuning)
      .map((set) => ({ name: `${story.id}/${set.name}`, file: set.file })),
  );
if (heldOutSets.length === 0) throw new Error('no held-out set of the bundled story in tests/eval/stories/');
const figures = await measureLoop({
  knowledgeDir: BUNDLED_KNOWLEDGE,
  questions: loadDeclinedQuestions('tests/fixtures/declined-questions.yaml'),
  heldOutSets,
});
if (json) process.stdout.write(`${JSON.stringify(figures)}\n`);
else {
  const t = (x: { right: number; wrong: number; declined: number }) =>
    `${x.right} right, ${x.wrong} wrong, ${x.declined} declined`;
  const held = (h: (typeof figures.heldOut)[number]['before']) =>
    `in scope ${h.right}/${h.inScope} right, ${h.wrong} wrong, ${h.declined} declined; out of scope ${h.oosDeclined}/${h.outOfScope} declined`;
  const lines = [
    `declined by the pack now       ${figures.declined} of the fixture's questions`,
    `right card offered to pick     ${figures.pickable}`,
    `proposals from the review      ${figures.proposals}; accepted ${figures.accepted}, refused ${figures.refused.length}`,
    ...figures.refused.map((r) => `  refused ${r.card} "${r.question}": ${r.why}`),
    `the questions, before          ${t(figures.before.questions)}`,
    `the questions, after           ${t(figures.after.questions)}`,
    `their paraphrases, before      ${t(figures.before.paraphrases)}`,
    `their paraphrases, after       ${t(figures.after.paraphrases)}`,
    ...figures.heldOut.flatMap(({ before, after }) => [
      `${before.set} before: ${held(before)}`,
      `${after.set} after:  ${held(after)}`,
    ]),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

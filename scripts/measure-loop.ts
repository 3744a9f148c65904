/**
 * Measures the learning loop on the bundled pack (`npm run review:measure`, `-- --json`): how
 * many declined questions (tests/fixtures/declined-questions.yaml) become answered once the
 * review's proposals are accepted, their paraphrases too, and what that does to the held-out
 * figures. Works on a copy of the knowledge; the bundled pack is not changed.
 */
import { loadDeclinedQuestions, measureLoop } from './lib/review/measure-loop.js';

const json = process.argv.includes('--json');
const figures = await measureLoop({
  knowledgeDir: 'knowledge',
  questions: loadDeclinedQuestions('tests/fixtures/declined-questions.yaml'),
  evalSets: ['tests/eval/test.yaml'],
});
if (json) process.stdout.write(`${JSON.stringify(figures)}\n`);
else {
  const t = (x: { right: number; wrong: number; declined: number }) =>
    `${x.right} right, ${x.wrong} wrong, ${x.declined} declined`;
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
      `${before.set} before   in-scope ${before.right}/${before.inScope} right, ${before.wrong} wrong; out-of-scope ${before.abstained}/${before.outOfScope} abstained`,
      `${after.set} after    in-scope ${after.right}/${after.inScope} right, ${after.wrong} wrong; out-of-scope ${after.abstained}/${after.outOfScope} abstained`,
    ]),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

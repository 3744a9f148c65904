import type { Explainer } from '../src/tooling/explainer.js';

/** Why the bot answers as it does: the terms it read, the evidence, the top candidates. */
export function formatExplanation(explainer: Explainer, text: string): string {
  const result = explainer.explain(text);
  const lines = [`Question: ${text}`, `Question type: ${result.questionType ?? '(none)'}`, 'Terms:'];
  for (const t of result.terms) {
    const how = !t.known
      ? 'unknown to every card'
      : t.known === t.typed
        ? 'known'
        : `read as "${t.known}" (${t.edits} edit)`;
    lines.push(`  ${t.typed.padEnd(16)} weight ${t.weight.toFixed(2)}  ${how}`);
  }
  lines.push('Top candidates:');
  for (const c of result.candidates.slice(0, 3)) {
    lines.push(
      `  ${c.id.padEnd(50)} confidence ${c.confidence.toFixed(3)}  coverage ${c.coverage.toFixed(3)}  best example ${c.exampleSimilarity.toFixed(3)}${c.questionTypeFits ? '' : '  (question type does not fit)'}  matched: ${c.matchedTerms.join(', ')}`,
    );
  }
  if (result.candidates.length === 0) lines.push('  (none)');
  return lines.join('\n');
}

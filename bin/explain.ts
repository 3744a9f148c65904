import type { Reply } from '../src/bot/reply.js';
import { cardKey } from '../src/knowledge/card-key.js';
import type { Decision } from '../src/matcher/decide.js';
import type { MatchResult } from '../src/matcher/match.js';

/** Why the bot answers as it does: the terms it read, the evidence, the top candidates. */
export function formatExplanation(text: string, result: MatchResult): string {
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

/**
 * What the bot did with the question, and by which rule: answered (confidence at or over the
 * threshold), declined (under it), or neither because the message was a built-in or refused.
 * `decision` is the matcher's view of the question alone; the bot's reply may differ when it read
 * the question as a follow-up of the conversation's subject.
 */
export function formatDecision(reply: Reply, decision: Decision): string {
  const threshold = decision.threshold.toFixed(3);
  const top = decision.answer?.confidence ?? 0;
  switch (reply.kind) {
    case 'builtin':
      return `Decision: built-in reply (${reply.intent}); no card is matched for it`;
    case 'invalid':
      return `Decision: refused (${reply.reason}); no card is matched for it`;
    case 'answer': {
      const card = cardKey(reply.card.pack, reply.card.card);
      const how =
        decision.answer?.id === card ? '' : ', reading it as a follow-up on the conversation’s subject';
      return `Decision: answered with ${card}${how}: confidence ${reply.confidence.toFixed(3)} ≥ threshold ${threshold}`;
    }
    case 'no-match':
      return reply.confidence > 0 || top > 0
        ? `Decision: declined: best confidence ${reply.confidence.toFixed(3)} < threshold ${threshold}`
        : `Decision: declined: no card has the question’s words (threshold ${threshold})`;
  }
}

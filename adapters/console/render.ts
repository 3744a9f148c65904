import { type CardChoice, type Reply, staleNote } from '../../src/bot/reply.js';

/** Plain-text rendering for the terminal: answer, citation, then numbered choices. */
export function renderText(reply: Reply): string {
  const lines: string[] = [reply.text];
  switch (reply.kind) {
    case 'answer':
      if (reply.staleSince) lines.push(`(${staleNote(reply.staleSince)})`);
      lines.push(`  Source: ${reply.citation.sourceTitle}`);
      for (const s of reply.citation.sentences) lines.push(`  > ${s}`);
      break;
    case 'builtin':
      for (const e of reply.examples) lines.push(`  • ${e}`);
      for (const g of reply.topics) lines.push(`  ${g.subject}: ${g.cards.map((c) => c.title).join('; ')}`);
      break;
    default:
      break;
  }
  const choices = numberedChoices(reply);
  if (choices.length > 0) {
    lines.push(reply.kind === 'answer' && reply.suggestions.length === 0 ? 'Related:' : 'Did you mean:');
    choices.forEach((c, i) => {
      lines.push(`  ${i + 1}. ${c.title}`);
    });
  }
  return printable(lines.join('\n'));
}

/**
 * Removes what a terminal would act on rather than show: C0 and C1 control characters (ESC
 * starts the sequences that move the cursor, recolour or clear the screen) other than the line
 * breaks and tabs of the layout. Nothing the console prints, card text or anything a reply may
 * one day echo, can then take over the user's terminal.
 */
export function printable(text: string): string {
  // Any Cc (C0, DEL, C1) that is not a line break or a tab.
  return text.replace(/[^\P{Cc}\n\t]/gu, '');
}

/** The choices a console user can pick by number after this reply. */
export function numberedChoices(reply: Reply): CardChoice[] {
  if (reply.kind === 'answer') return reply.suggestions.length > 0 ? reply.suggestions : reply.related;
  if (reply.kind === 'no-match' || reply.kind === 'builtin') return reply.suggestions;
  return [];
}

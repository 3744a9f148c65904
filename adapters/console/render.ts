import wrapAnsi from 'wrap-ansi';
import { type CardChoice, type Reply, staleNote } from '../../src/bot/reply.js';

export interface RenderOptions {
  /** Columns to wrap to (a terminal's width); lines are not wrapped when absent. */
  width?: number;
}

/** One line of the layout: its text, and what starts it (an indent, a quote mark, a number). */
interface Line {
  lead: string;
  text: string;
}

/**
 * Plain-text rendering for the terminal: the answer, its citation, then the numbered choices
 * under one label per meaning. A no-match's own text already asks "did you mean one of these?"
 * (or offers topics), so its choices follow it with no second heading. Under an answer, close
 * runners-up and related cards are different offers, and are labelled so.
 */
export function renderText(reply: Reply, options: RenderOptions = {}): string {
  const lines: Line[] = [{ lead: '', text: reply.text }];
  const push = (lead: string, text: string) => lines.push({ lead, text });
  switch (reply.kind) {
    case 'answer':
      if (reply.staleSince) push('', `(${staleNote(reply.staleSince)})`);
      push('  ', `Source: ${reply.citation.sourceTitle}`);
      for (const s of reply.citation.sentences) push('  > ', s);
      break;
    case 'builtin':
      for (const e of reply.examples) push('  • ', e);
      for (const g of reply.topics) push('  ', `${g.subject}: ${g.cards.map((c) => c.title).join('; ')}`);
      break;
    default:
      break;
  }
  let number = 0;
  const list = (label: string | undefined, choices: readonly CardChoice[]) => {
    if (choices.length === 0) return;
    if (label) push('', label);
    for (const c of choices) {
      number += 1;
      push(`  ${number}. `, c.title);
    }
  };
  if (reply.kind === 'answer') {
    const { close, related } = answerChoices(reply);
    list('Other close matches:', close);
    list('Related:', related);
  } else if (reply.kind === 'no-match') {
    list(undefined, reply.suggestions);
  } else if (reply.kind === 'builtin') {
    list('See also:', reply.suggestions);
  }
  // Control characters go before wrapping, so that widths are those of what shows.
  return lines.map((line) => wrap({ lead: line.lead, text: printable(line.text) }, options.width)).join('\n');
}

/** The line as it fits `width` columns, continuation lines aligned under its text. */
function wrap({ lead, text }: Line, width: number | undefined): string {
  if (!width) return lead + text;
  const indent = ' '.repeat(lead.length);
  return wrapText(text, Math.max(20, width - lead.length))
    .split('\n')
    .map((part, i) => (i === 0 ? lead : indent) + part)
    .join('\n');
}

/** Text broken between words to fit `width` columns (by display width: wide characters count two). */
export function wrapText(text: string, width: number | undefined): string {
  return width ? wrapAnsi(text, width, { hard: true, trim: true }) : text;
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

/** An answer's close runners-up, then its related cards, each card once. */
function answerChoices(reply: Reply & { kind: 'answer' }): { close: CardChoice[]; related: CardChoice[] } {
  const close = reply.suggestions;
  const offered = new Set(close.map((c) => `${c.pack}/${c.card}`));
  const related = reply.related.filter((c) => !offered.has(`${c.pack}/${c.card}`));
  return { close, related };
}

/** The choices a console user can pick by number after this reply, in the order shown. */
export function numberedChoices(reply: Reply): CardChoice[] {
  if (reply.kind === 'answer') {
    const { close, related } = answerChoices(reply);
    return [...close, ...related];
  }
  if (reply.kind === 'no-match' || reply.kind === 'builtin') return reply.suggestions;
  return [];
}

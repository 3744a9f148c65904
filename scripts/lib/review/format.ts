import type { Report, ReviewDetails } from './report.js';

const quote = (q: string | null) => (q === null ? '(text not kept)' : `"${q}"`);
const key = (r: { pack: string; card: string }) => `${r.pack}/${r.card}`;

/** The review as text for a person at a terminal. */
export function formatReport(report: Report, details: ReviewDetails, heading: string): string {
  const lines = [
    heading,
    `${details.exchanges} exchanges: ${details.answered} answered by a card, ${details.declined} questions declined, ${details.votes} votes.`,
    '',
    'Most frequent unanswered questions (near-duplicates grouped)',
  ];
  if (report.unanswered.length === 0) lines.push('  none');
  report.unanswered.forEach((u, i) => {
    lines.push(
      `  ${String(u.count).padStart(4)}×  ${quote(u.question)}   closest: ${u.closest.map(key).join(', ') || '-'}`,
    );
    const others = (details.wordings[i] ?? []).slice(1);
    if (others.length > 0)
      lines.push(
        `         also asked as: ${others.map((w) => `"${w.question}"${w.count > 1 ? ` (${w.count}×)` : ''}`).join(', ')}`,
      );
  });
  if (details.nowAnswered > 0)
    lines.push(`  (${details.nowAnswered} more were declined then and are answered by the cards now)`);

  lines.push('', 'Proposed alternate questions, with their evidence');
  if (report.proposals.length === 0) lines.push('  none');
  for (const p of report.proposals) {
    const e = p.evidence;
    const why = [
      e.declinedThenPicked ? `declined, then this card picked ×${e.declinedThenPicked}` : '',
      e.runnerUpPicked ? `runner-up picked ×${e.runnerUpPicked}` : '',
      e.lowMarginDown ? `close answer got 👎, this card was next ×${e.lowMarginDown}` : '',
    ].filter(Boolean);
    lines.push(`  ${key(p)}  "${p.question}"  (${why.join('; ')})`);
    lines.push(`      accept: npm run review -- --add ${shellQuote(p.question)} --to ${key(p)}`);
  }

  lines.push('', 'Answers that got 👎');
  if (report.feedback.length === 0) lines.push('  none');
  for (const f of report.feedback) {
    lines.push(`  ${key(f)}  asked ${quote(f.question)}${f.reason ? `  reason: "${f.reason}"` : ''}`);
  }

  lines.push('', 'Cards: answers, 👍, 👎');
  const used = report.cards.filter((c) => c.answers > 0);
  if (used.length === 0) lines.push('  none answered in this period');
  for (const c of used) {
    const rated = c.up + c.down;
    const ratio = rated > 0 ? `  ${Math.round((100 * c.up) / rated)}% 👍` : '';
    lines.push(
      `  ${String(c.answers).padStart(5)}  ${String(c.up).padStart(3)} 👍 ${String(c.down).padStart(3)} 👎${ratio}  ${key(c)}`,
    );
  }
  const unused = report.cards.filter((c) => c.answers === 0);
  lines.push('', `Never used in this period: ${unused.length} of ${report.cards.length} cards`);
  for (const c of unused) lines.push(`  ${key(c)}  (${c.title})`);
  return `${lines.join('\n')}\n`;
}

function shellQuote(text: string): string {
  return `'${text.replace(/'/g, `'\\''`)}'`;
}

/** Readers for Block Kit JSON as the fakes received it (plain parsed JSON, so typed as unknown). */

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function walk(value: unknown, visit: (node: Record<string, unknown>) => void): void {
  if (Array.isArray(value)) for (const v of value) walk(v, visit);
  else if (isRecord(value)) {
    visit(value);
    for (const v of Object.values(value)) walk(v, visit);
  }
}

/** Every text object's text, in order, joined by new lines. */
export function textOf(blocks: unknown): string {
  const texts: string[] = [];
  walk(blocks, (node) => {
    if ((node.type === 'mrkdwn' || node.type === 'plain_text') && typeof node.text === 'string') {
      texts.push(node.text);
    }
  });
  return texts.join('\n');
}

export interface FoundButton {
  action_id: string;
  value: string;
  text: string;
}

export function buttonsOf(blocks: unknown): FoundButton[] {
  const found: FoundButton[] = [];
  walk(blocks, (node) => {
    if (node.type !== 'button') return;
    const text = isRecord(node.text) && typeof node.text.text === 'string' ? node.text.text : '';
    found.push({ action_id: String(node.action_id), value: String(node.value), text });
  });
  return found;
}

export function blockTypes(blocks: unknown): string[] {
  return Array.isArray(blocks) ? blocks.map((b) => (isRecord(b) ? String(b.type) : '?')) : [];
}

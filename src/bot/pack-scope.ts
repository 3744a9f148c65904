import type { Asker } from './query.js';

/**
 * Parses the operator's pack scoping, `PACKS_BY_CONVERSATION`:
 * `<conversation prefix>=<pack>,<pack>;<prefix>=<pack>`, e.g.
 * `slack:T01:C42=us-russia-prisoner-exchange;discord=factdesk-faq`. A conversation uses the
 * packs of the longest prefix its id starts with, and every pack when none matches.
 */
export function parsePackScope(spec: string | undefined): (asker: Asker) => readonly string[] | undefined {
  const rules = (spec ?? '')
    .split(';')
    .map((rule) => rule.trim())
    .filter(Boolean)
    .map((rule) => {
      const eq = rule.lastIndexOf('=');
      const prefix = rule.slice(0, eq).trim();
      const packs = rule
        .slice(eq + 1)
        .split(',')
        .map((p) => p.trim())
        .filter(Boolean);
      return { prefix, packs };
    })
    .sort((a, b) => b.prefix.length - a.prefix.length);
  return (asker) => rules.find((r) => asker.conversation.startsWith(r.prefix))?.packs;
}

/** Pack ids named by a scoping that no loaded pack has: a typo there would silence a channel. */
export function unknownScopedPacks(spec: string | undefined, packIds: readonly string[]): string[] {
  const known = new Set(packIds);
  const named = (spec ?? '').split(';').flatMap((rule) => rule.slice(rule.lastIndexOf('=') + 1).split(','));
  return [...new Set(named.map((p) => p.trim()).filter((p) => p && !known.has(p)))];
}

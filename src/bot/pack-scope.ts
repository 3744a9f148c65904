import type { Query } from './query.js';

/**
 * Parses the operator's pack scoping, `PACKS_BY_CONVERSATION`:
 * `<conversation prefix>=<pack>,<pack>;<prefix>=<pack>`, e.g.
 * `slack:T01:C42=us-russia-prisoner-exchange;discord=factdesk-faq`. A conversation uses the
 * packs of the longest prefix its id starts with, and every pack when none matches.
 */
export function parsePackScope(spec: string | undefined): (query: Query) => readonly string[] | undefined {
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
  return (query) => rules.find((r) => query.conversation.startsWith(r.prefix))?.packs;
}

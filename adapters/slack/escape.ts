/**
 * mrkdwn escaping. Slack parses `<…>` as links, user mentions and broadcasts (`<!channel>`),
 * and `&` starts an entity; neither Bolt nor the Web API escapes anything. Every piece of card
 * or user text that goes into a mrkdwn field passes through {@link escapeMrkdwn}.
 */

/** U+2060 WORD JOINER: invisible, and breaks the word Slack would turn into a broadcast. */
const WORD_JOINER = '\u2060';

/**
 * Escapes `&`, `<` and `>` (the three characters Slack asks apps to escape) and defuses typed
 * broadcasts such as `@channel`. Slack only links those when a message is sent with
 * `link_names`, which this adapter never sets; the joiner is a second line of defence in case
 * a response path parses names by default.
 */
export function escapeMrkdwn(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@(channel|here|everyone)\b/gi, `@${WORD_JOINER}$1`);
}

/**
 * Cuts text to at most `max` UTF-16 units (Slack counts characters; code units are never fewer)
 * and marks the cut with an ellipsis. It never leaves half an entity such as `&am`, which Slack
 * would show as garbage, nor half a surrogate pair.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = text.slice(0, Math.max(0, max - 1));
  cut = cut.replace(/&[a-z#0-9]*$/i, '');
  if (/[\uD800-\uDBFF]$/.test(cut)) cut = cut.slice(0, -1);
  return `${cut}…`;
}

/** Escaped and cut to fit, in that order, so the limit holds for what Slack receives. */
export function mrkdwn(text: string, max: number): string {
  return truncate(escapeMrkdwn(text), max);
}

/**
 * A link `<url|label>`, or the label alone when the url is not plain http(s). `|` and `>` would
 * end the link early, so they are percent-encoded in the url.
 */
export function mrkdwnLink(url: string, label: string): string {
  if (!/^https?:\/\/[^\s]+$/i.test(url)) return label;
  const safe = url.replace(/&/g, '&amp;').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/\|/g, '%7C');
  return `<${safe}|${label}>`;
}

/** What names an acknowledged request in the log when it could not be answered. */
export interface RequestLabel {
  /** Slack's own id where the payload has one (`event_id`, `trigger_id`), else a local one. */
  id: string;
  kind: string;
  /** When it started, on the adapter's clock. */
  since: number;
}

let counter = 0;

/** Labels a request from its body: ids only, never text a person wrote. */
export function requestLabel(payload: object, since: number): RequestLabel {
  const body = payload as Record<string, unknown>;
  counter += 1;
  const id = text(body.event_id) ?? text(body.trigger_id) ?? `local-${counter}`;
  const kind =
    typeof body.command === 'string'
      ? 'command'
      : body.event !== undefined
        ? 'event'
        : (text(body.type) ?? 'request');
  return { id: id.slice(0, 100), kind: kind.slice(0, 40), since };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

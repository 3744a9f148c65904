import { BOT_USER, TEAM } from './fake-slack.js';

let counter = 0;
/** Unique ids per test, so that tests sharing one app never see each other's traffic. */
export function uid(prefix: string): string {
  counter += 1;
  return `${prefix}${Date.now().toString(36).toUpperCase()}${counter}`;
}

export function ts(): string {
  counter += 1;
  return `1700000000.${String(counter).padStart(6, '0')}`;
}

export function slashCommand(fields: {
  text: string;
  responseUrl: string;
  channel?: string;
  user?: string;
  command?: string;
  /** Slack's id of the command; the adapter names an unanswered request by it. */
  triggerId?: string;
}): Record<string, string> {
  return {
    token: 'legacy-verification-token',
    team_id: TEAM,
    team_domain: 'test',
    channel_id: fields.channel ?? 'C0GENERAL',
    channel_name: 'general',
    user_id: fields.user ?? 'U0ASKER',
    user_name: 'asker',
    command: fields.command ?? '/ask',
    text: fields.text,
    api_app_id: 'A0APP',
    is_enterprise_install: 'false',
    response_url: fields.responseUrl,
    trigger_id: fields.triggerId ?? '1.2.3',
  };
}

/** An Events API envelope around one event. */
export function envelope(event: Record<string, unknown>, eventId = uid('Ev')) {
  return {
    token: 'legacy-verification-token',
    team_id: TEAM,
    api_app_id: 'A0APP',
    event: { event_ts: event.ts, ...event },
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      { enterprise_id: null, team_id: TEAM, user_id: BOT_USER, is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
  };
}

export function appMention(fields: {
  text: string;
  channel: string;
  ts: string;
  threadTs?: string;
  user?: string;
}) {
  return {
    type: 'app_mention',
    user: fields.user ?? 'U0ASKER',
    text: fields.text,
    ts: fields.ts,
    ...(fields.threadTs ? { thread_ts: fields.threadTs } : {}),
    channel: fields.channel,
    team: TEAM,
  };
}

export function directMessage(fields: { text: string; channel: string; ts: string; user?: string }) {
  return {
    type: 'message',
    channel_type: 'im',
    user: fields.user ?? 'U0ASKER',
    text: fields.text,
    ts: fields.ts,
    channel: fields.channel,
    team: TEAM,
  };
}

export interface ClickOn {
  actionId: string;
  value: string;
  label?: string;
  responseUrl: string;
  channel: string;
  user?: string;
  /** An ephemeral reply has no `message` in the payload, only its container. */
  ephemeral?: boolean;
  /** The clicked message's thread, when it sits in one. */
  threadTs?: string;
}

export function blockAction(click: ClickOn) {
  const messageTs = ts();
  return {
    type: 'block_actions',
    user: { id: click.user ?? 'U0CLICKER', username: 'clicker', name: 'clicker', team_id: TEAM },
    api_app_id: 'A0APP',
    token: 'legacy-verification-token',
    container: {
      type: 'message',
      message_ts: messageTs,
      channel_id: click.channel,
      is_ephemeral: click.ephemeral === true,
      ...(click.threadTs ? { thread_ts: click.threadTs } : {}),
    },
    trigger_id: '1.2.3',
    team: { id: TEAM, domain: 'test' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: click.channel, name: 'general' },
    ...(click.ephemeral
      ? {}
      : {
          message: {
            type: 'message',
            user: BOT_USER,
            ts: messageTs,
            text: 'an earlier answer',
            ...(click.threadTs ? { thread_ts: click.threadTs } : {}),
          },
        }),
    response_url: click.responseUrl,
    actions: [
      {
        type: 'button',
        action_id: click.actionId,
        block_id: 'b1',
        text: { type: 'plain_text', text: click.label ?? 'A card', emoji: true },
        value: click.value,
        action_ts: `${Date.now() / 1000}`,
      },
    ],
  };
}

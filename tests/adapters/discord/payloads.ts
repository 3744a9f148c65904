import { botUser, human, ids } from './fake-discord.js';

/** Gateway payloads as Discord sends them, with fresh ids and tokens per call. */

let counter = 0n;
const nextId = () => String(600_000_000_000_000_000n + ++counter);

export interface Sent<T> {
  id: string;
  token: string;
  payload: T;
  /** The path of this interaction's callback on the fake. */
  callbackPath: string;
}

type Option = { name: string; type: number; value: string; focused?: boolean };

function interaction(type: number, data: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  const id = nextId();
  const token = `itok-${id}`;
  const payload = {
    id,
    application_id: ids.app,
    type,
    token,
    version: 1,
    guild_id: ids.guild,
    channel_id: ids.channel,
    channel: { id: ids.channel, type: 0 },
    member: { user: human, roles: [], permissions: '0' },
    entitlements: [],
    authorizing_integration_owners: { 0: ids.guild },
    locale: 'en-US',
    guild_locale: 'en-US',
    app_permissions: '0',
    data,
    ...extra,
  };
  return { id, token, payload, callbackPath: `/api/v10/interactions/${id}/${token}/callback` };
}

export function slashCommand(name: string, options: Option[] = []) {
  return interaction(2, { id: '700000000000000001', name, type: 1, options });
}

export function askCommand(question: string) {
  return slashCommand('ask', [{ name: 'question', type: 3, value: question }]);
}

export function autocomplete(typed: string) {
  return interaction(4, {
    id: '700000000000000001',
    name: 'ask',
    type: 1,
    options: [{ name: 'question', type: 3, value: typed, focused: true }],
  });
}

export function buttonClick(customId: string) {
  return interaction(
    3,
    { custom_id: customId, component_type: 2 },
    { message: botMessage(ids.channel), guild_id: ids.guild },
  );
}

/** An interaction as a buggy or hostile gateway might send it: no entitlements or owners. */
export function malformedCommand(question: string) {
  const sent = askCommand(question);
  const { entitlements: _e, authorizing_integration_owners: _a, ...payload } = sent.payload;
  return { ...sent, payload };
}

/** The fields every message payload carries; each builder adds who sent it and where. */
function messageFields(content: string) {
  return {
    content,
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: [],
    components: [],
    pinned: false,
    type: 0,
    flags: 0,
  };
}

function botMessage(channelId: string) {
  return {
    id: nextId(),
    channel_id: channelId,
    author: botUser,
    ...messageFields(''),
  };
}

type Author = typeof human | { id: string; username: string; discriminator: string; bot: boolean };

export function guildMessage(content: string, opts: { author?: Author; mentions?: Author[] } = {}) {
  const id = nextId();
  return {
    id,
    channel_id: ids.channel,
    guild_id: ids.guild,
    author: opts.author ?? human,
    member: { roles: [], joined_at: new Date().toISOString() },
    ...messageFields(content),
    mention_everyone: content.includes('@everyone'),
    mentions: opts.mentions ?? [],
  };
}

export function directMessage(content: string, author: Author = human) {
  const id = nextId();
  return {
    id,
    channel_id: ids.dmChannel,
    channel_type: 1,
    author,
    ...messageFields(content),
  };
}

export const botAuthor = {
  id: ids.otherBot,
  username: 'otherbot',
  discriminator: '0',
  bot: true,
};

export const selfAuthor = { id: ids.bot, username: 'factdesk', discriminator: '0', bot: true };

export const botMention = { id: ids.bot, username: 'factdesk', discriminator: '0', bot: true };

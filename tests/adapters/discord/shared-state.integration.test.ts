import { afterAll, beforeAll, expect, it } from 'vitest';
import { createDiscordShardManager } from '../../../adapters/discord/shard-manager.js';
import { createBot } from '../../../src/bot/bot.js';
import { loadPacks } from '../../../src/knowledge/load-packs.js';
import type { Adapter } from '../../../src/platform.js';
import { deleteKeys, describeWithRedis, REDIS_URL, uniquePrefix } from '../../state/support/redis.js';
import { type FakeDiscord, human, ids, startFakeDiscord } from './fake-discord.js';
import { captureLogs } from './log-capture.js';
import { guildMessage } from './payloads.js';

/**
 * Discord shards are separate processes (`DISCORD_SHARDS`); with `REDIS_URL` set they share
 * conversation memory and rate limits like Slack instances do. Two real shard processes against
 * the fake gateway, each message sent to one shard only: what one shard remembers or counts,
 * the other knows. (A guild answers on one shard; its conversations move to another when the
 * shard count changes, or a shard process is restarted; a user's questions in several guilds
 * reach several shards.)
 */
const PREFIX = uniquePrefix('discord-shards');
const BURST = 3;
const QUESTION = 'who is Krasikov?';
const FOLLOW_UP = 'what was he sentenced to?';
const saved = { ...process.env };
let fake: FakeDiscord;
let manager: Adapter;

interface Sent {
  content?: string;
  embeds?: Array<{ description?: string }>;
  message_reference?: { message_id?: string };
}

/** Sends a mention of the bot to one shard; resolves with the reply that shard posted. */
async function ask(question: string, shard: number): Promise<string> {
  const message = guildMessage(`<@${ids.bot}> ${question}`, {
    mentions: [{ ...human, id: ids.bot, bot: true }],
  });
  fake.dispatch('MESSAGE_CREATE', message, shard);
  const reply = await fake.waitForRequest(
    (r) => r.method === 'POST' && (r.body as Sent)?.message_reference?.message_id === message.id,
    20_000,
  );
  const body = reply.body as Sent;
  return [body.content ?? '', ...(body.embeds ?? []).map((e) => e.description ?? '')].join('\n');
}

describeWithRedis('Discord shards sharing Redis', () => {
  beforeAll(async () => {
    fake = await startFakeDiscord({ recommendedShards: 2 });
    // Shard processes inherit the environment: this is how they find the fake and Redis.
    Object.assign(process.env, {
      DISCORD_API_URL: fake.api,
      LOG_LEVEL: 'silent',
      KEY_PREFIX: PREFIX,
      RATE_LIMIT_BURST: String(BURST),
      RATE_LIMIT_PER_MINUTE: '1',
      KNOWLEDGE_WATCH: 'false',
      // Generous: on a busy machine a lagging event loop must not pass for Redis going away.
      REDIS_TIMEOUT_MS: '2000',
    });
    manager = createDiscordShardManager({
      config: { DISCORD_TOKEN: 'fake.token.x', DISCORD_API_URL: fake.api, DISCORD_SHARDS: 2 },
      logger: captureLogs('silent').logger,
      script: 'bin/discord-shard.ts',
      spawnDelayMs: 0,
    });
    await manager.start();
  }, 120_000);

  afterAll(async () => {
    await manager?.stop();
    await fake?.close();
    for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
    Object.assign(process.env, saved);
    if (REDIS_URL) await deleteKeys(REDIS_URL, PREFIX);
  });

  it('share conversation memory and a user’s rate limit between shard processes', async () => {
    expect([...fake.identifies].sort()).toEqual([
      [0, 2],
      [1, 2],
    ]);
    const bot = createBot(loadPacks('knowledge'));
    const answerOf = async (text: string, conversation: string) => {
      const reply = await bot.ask({ text, user: 'u', conversation, platform: 'discord' });
      if (reply.kind !== 'answer') throw new Error(`the knowledge no longer answers "${text}"`);
      return reply.text;
    };
    await answerOf(QUESTION, 'with');
    const followUp = await answerOf(FOLLOW_UP, 'with');
    // Alone, "he" names nobody: declined, or answered with another card, never this one.
    const alone = await bot.ask({ text: FOLLOW_UP, user: 'u', conversation: 'alone', platform: 'discord' });
    expect(alone.kind === 'answer' ? alone.text : '').not.toBe(followUp);
    const start = (text: string) => text.slice(0, 40);

    // The question on shard 0, its follow-up on shard 1: shard 1 knows the subject.
    expect(await ask(QUESTION, 0)).toContain(start(await answerOf(QUESTION, 'x')));
    expect(await ask(FOLLOW_UP, 1)).toContain(start(followUp));
    // Two questions spent; one more is allowed on shard 0, then shard 1 refuses the next.
    expect(await ask(QUESTION, 0)).not.toContain('faster than I');
    expect(await ask(QUESTION, 1)).toContain('faster than I can keep up');
  }, 90_000);
});

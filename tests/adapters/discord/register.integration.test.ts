import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandDefinitions } from '../../../adapters/discord/commands.js';
import { registerCommands } from '../../../adapters/discord/register.js';
import { type FakeDiscord, ids, startFakeDiscord } from './fake-discord.js';

describe('registerCommands against a fake Discord', () => {
  let fake: FakeDiscord;
  const base = () => ({ token: 'fake.token.x', applicationId: ids.app, api: fake.api, rest: { retries: 0 } });

  beforeAll(async () => {
    fake = await startFakeDiscord();
  });
  afterAll(async () => {
    await fake?.close();
  });

  it('PUTs the full command set to the guild route when a guild is given', async () => {
    const result = await registerCommands({ ...base(), guildId: ids.guild });
    const request = await fake.waitForRequest((r) => r.path.endsWith(`/guilds/${ids.guild}/commands`));

    expect(request.method).toBe('PUT');
    expect(request.path).toBe(`/api/v10/applications/${ids.app}/guilds/${ids.guild}/commands`);
    expect(request.headers.authorization).toBe('Bot fake.token.x');
    expect(request.body).toEqual(commandDefinitions);
    expect(result).toMatchObject({ scope: 'guild', names: ['ask', 'topics', 'help'] });
  });

  it('PUTs the same set to the global route without a guild, and again identically when re-run', async () => {
    await registerCommands(base());
    await registerCommands(base());
    const global = fake.requests.filter((r) => r.path === `/api/v10/applications/${ids.app}/commands`);

    expect(global.map((r) => r.method)).toEqual(['PUT', 'PUT']);
    expect(global[0]?.body).toEqual(commandDefinitions);
    expect(global[1]?.body).toEqual(global[0]?.body);
    // Nothing but PUTs: no command is created or deleted one by one.
    expect(fake.requests.every((r) => r.method === 'PUT')).toBe(true);
  });

  it('defines /ask with an autocompleted, required question, plus /topics and /help', () => {
    const ask = commandDefinitions.find((c) => c.name === 'ask');
    expect(ask).toMatchObject({
      type: 1,
      options: [{ name: 'question', type: 3, required: true, autocomplete: true }],
    });
    expect(commandDefinitions.map((c) => c.name)).toEqual(['ask', 'topics', 'help']);
    for (const c of commandDefinitions) {
      expect(c.name).toMatch(/^[a-z0-9_-]{1,32}$/);
      expect(c.description?.length).toBeGreaterThan(0);
      expect(c.description?.length).toBeLessThanOrEqual(100);
    }
  });
});

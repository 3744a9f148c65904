import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { PLATFORMS } from '../adapters/registry.js';
import {
  knowledgeDir,
  logLevel,
  readConfig as readSettings,
  scrubSecrets,
  secretSettings,
  settingNames,
} from '../src/config.js';
import { ConfigError } from '../src/errors.js';
import { fatalMessage } from '../src/runtime/entry.js';

const SECRET = 'xoxp-super-secret-value-1234';
/** Settings as `npm start` reads them: the core's and every registered platform's. */
const readConfig = (env: Record<string, string>) => readSettings(env, PLATFORMS);
const SETTINGS = settingNames(PLATFORMS);
const SECRETS = secretSettings(PLATFORMS);

function configError(env: Record<string, string>): ConfigError {
  try {
    readConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('knowledgeDir', () => {
  it('reads KNOWLEDGE_DIR alone, knowledge/ when unset or blank, whatever the other settings say', () => {
    expect(knowledgeDir({})).toBe('knowledge');
    expect(knowledgeDir({ KNOWLEDGE_DIR: '  ' })).toBe('knowledge');
    expect(knowledgeDir({ KNOWLEDGE_DIR: ' /srv/packs ', REDIS_URL: 'not a url' })).toBe('/srv/packs');
  });
});

describe('readConfig', () => {
  it('has a default for every setting that needs one', () => {
    expect(readConfig({})).toMatchObject({
      KNOWLEDGE_DIR: 'knowledge',
      KNOWLEDGE_WATCH: true,
      MAX_QUESTION_LENGTH: 1000,
      RATE_LIMIT_PER_MINUTE: 30,
      RATE_LIMIT_BURST: 10,
      SHUTDOWN_TIMEOUT_MS: 10_000,
      PORT: 3000,
      SLACK_COMMAND: '/ask',
      KEY_PREFIX: 'factdesk:',
      REDIS_TIMEOUT_MS: 500,
    });
    expect(readConfig({}).REDIS_URL).toBeUndefined();
    expect(readConfig({ REDIS_URL: 'rediss://:pw@cache.internal:6380/2' }).REDIS_URL).toBe(
      'rediss://:pw@cache.internal:6380/2',
    );
  });

  it('reads numbers, booleans and blanks as an operator writes them in .env', () => {
    const config = readConfig({
      MAX_QUESTION_LENGTH: ' 200 ',
      RATE_LIMIT_PER_MINUTE: '0',
      KNOWLEDGE_WATCH: 'off',
      HEALTH_PORT: '9090',
      PORT: '',
      LOG_LEVEL: '',
    });
    expect(config).toMatchObject({
      MAX_QUESTION_LENGTH: 200,
      RATE_LIMIT_PER_MINUTE: 0,
      KNOWLEDGE_WATCH: false,
      HEALTH_PORT: 9090,
      PORT: 3000,
    });
    expect(config.LOG_LEVEL).toBeUndefined();
  });

  it.each([
    ['MAX_QUESTION_LENGTH', '0'],
    ['MAX_QUESTION_LENGTH', '1.5'],
    ['RATE_LIMIT_BURST', 'lots'],
    ['PORT', '70000'],
    ['HEALTH_PORT', '-1'],
    ['KNOWLEDGE_WATCH', 'maybe'],
    ['LOG_LEVEL', 'loud'],
    ['SLACK_API_URL', 'not a url'],
    ['SHUTDOWN_TIMEOUT_MS', '1e9'],
    ['REDIS_URL', 'http://127.0.0.1:6379'],
    ['REDIS_URL', '127.0.0.1:6379'],
    ['KEY_PREFIX', 'two words'],
    ['KEY_PREFIX', 'fact*'],
    ['REDIS_TIMEOUT_MS', '0'],
  ])('names %s when it is %j', (variable, value) => {
    const error = configError({ [variable]: value });
    expect(error.variable).toBe(variable);
    expect(error.message.startsWith(`${variable}: `)).toBe(true);
  });

  it('reads a blank knowledge directory or command as the default', () => {
    const config = readConfig({ KNOWLEDGE_DIR: '', SLACK_COMMAND: ' ' });
    expect(config.KNOWLEDGE_DIR).toBe('knowledge');
    expect(config.SLACK_COMMAND).toBe('/ask');
  });

  it('names every wrong setting at once', () => {
    const error = configError({ PORT: 'x', RATE_LIMIT_BURST: '0', LOG_LEVEL: 'loud' });
    for (const name of ['PORT', 'RATE_LIMIT_BURST', 'LOG_LEVEL']) expect(error.message).toContain(`${name}:`);
  });

  it('names a missing signing secret in Slack HTTP mode', () => {
    expect(configError({ SLACK_BOT_TOKEN: 'xoxb-1' }).variable).toBe('SLACK_SIGNING_SECRET');
    expect(() => readConfig({ SLACK_BOT_TOKEN: 'xoxb-1', SLACK_APP_TOKEN: 'xapp-1' })).not.toThrow();
  });

  it('reads only the core settings when asked for no platform', () => {
    const config = readSettings({ SLACK_BOT_TOKEN: 'not a slack token', PORT: '81' });
    expect(config.PORT).toBe(81);
    expect('SLACK_BOT_TOKEN' in config).toBe(false);
  });

  it('never repeats a secret it refuses', () => {
    for (const [variable, value] of [
      ['SLACK_BOT_TOKEN', SECRET],
      ['SLACK_APP_TOKEN', SECRET],
      ['REDIS_URL', `http://:${SECRET}@127.0.0.1:6379`],
    ] as const) {
      const error = configError({ [variable]: value, SLACK_SIGNING_SECRET: 's' });
      expect(error.variable).toBe(variable);
      expect(error.message).not.toContain(SECRET);
      expect(String(error)).not.toContain(SECRET);
      expect(JSON.stringify(error)).not.toContain(SECRET);
      expect(fatalMessage(error, SECRETS, { [variable]: value })).not.toContain(SECRET);
    }
  });
});

describe('secret settings', () => {
  it("are the core's (URLs that may carry a password, the hash key) and the ones the platforms declare", () => {
    expect([...SECRETS].sort()).toEqual([
      'DATABASE_URL',
      'DISCORD_TOKEN',
      'LOG_HASH_KEY',
      'REDIS_URL',
      'SLACK_APP_TOKEN',
      'SLACK_BOT_TOKEN',
      'SLACK_SIGNING_SECRET',
    ]);
  });
});

describe('secrets in error text', () => {
  it('are scrubbed from messages a library might build', () => {
    const env = { SLACK_BOT_TOKEN: 'xoxb-abc-123-secret', SLACK_SIGNING_SECRET: 'signing-secret-42' };
    const text = fatalMessage(
      new Error('auth failed for xoxb-abc-123-secret (signing-secret-42)'),
      SECRETS,
      env,
    );
    expect(text).toBe('auth failed for [secret] ([secret])');
    // Values too short to be real secrets are left alone rather than blanking ordinary words.
    expect(scrubSecrets('a b c', SECRETS, { DISCORD_TOKEN: 'a' })).toBe('a b c');
  });
});

describe('.env.example', () => {
  const example = readFileSync('.env.example', 'utf8');
  const listed = [...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]);

  it('lists every setting, each under a comment', () => {
    expect([...listed].sort()).toEqual([...SETTINGS].sort());
    const lines = example.split('\n');
    for (const name of SETTINGS) {
      const at = lines.findIndex((line) => new RegExp(`^#?\\s*${name}=`).test(line));
      expect(lines[at - 1], `comment above ${name}`).toMatch(/^#/);
    }
  });

  it('is itself a valid configuration', () => {
    const env = Object.fromEntries(
      example
        .split('\n')
        .filter((line) => /^[A-Z]/.test(line))
        .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
    );
    expect(() => readConfig(env)).not.toThrow();
  });
});

describe('logLevel', () => {
  it('keeps a terminal chat quiet unless LOG_LEVEL says otherwise', () => {
    expect(logLevel({}, true)).toBe('warn');
    expect(logLevel({}, false)).toBe('info');
    expect(logLevel({ LOG_LEVEL: 'debug' }, true)).toBe('debug');
  });
});

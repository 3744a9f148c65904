import { describe, expect, it } from 'vitest';
import { ConfigError, KnowledgeError, UsageError } from '../../src/errors.js';
import {
  defineCli,
  failure,
  helpText,
  parseCommandLine,
  positiveInteger,
  progress,
} from '../../src/runtime/cli.js';

const spec = defineCli({
  name: 'demo',
  usage: ['npm run demo -- [--json] [--data PATH] "question"', 'npm run demo -- --stdin'],
  summary: 'Does a demo thing.',
  options: {
    json: { type: 'boolean', help: 'JSON out' },
    data: { type: 'string', value: 'PATH', help: 'where the data is' },
    count: { type: 'string', short: 'n', value: 'N', help: 'how many' },
  },
  positionals: true,
  notes: ['DEMO_DIR: where it looks'],
});
const parse = (...argv: string[]) => parseCommandLine(spec, argv);

describe('parseCommandLine', () => {
  it('reads options and positionals: booleans false when absent, strings undefined', () => {
    const parsed = parse('--json', 'who', 'is', '--data', 'x.json', '-n', '3', 'he?');
    expect(parsed).toEqual({
      ok: true,
      args: { values: { json: true, data: 'x.json', count: '3' }, positionals: ['who', 'is', 'he?'] },
    });
    expect(parse()).toEqual({
      ok: true,
      args: { values: { json: false, data: undefined, count: undefined }, positionals: [] },
    });
  });

  it('answers --help and -h with the usage, the options and the notes on stdout, exit 0', () => {
    expect(parse('-h')).toEqual(parse('--help'));
    const help = parse('--help');
    expect(help).toMatchObject({ ok: false, code: 0, stderr: '' });
    if (help.ok) return;
    expect(help.stdout).toBe(helpText(spec));
    expect(help.stdout.split('\n')[0]).toBe('usage: npm run demo -- [--json] [--data PATH] "question"');
    expect(help.stdout).toContain('       npm run demo -- --stdin');
    expect(help.stdout).toMatch(/--data PATH +where the data is/);
    expect(help.stdout).toMatch(/-n, --count N +how many/);
    expect(help.stdout).toMatch(/-h, --help +show this help and exit/);
    expect(help.stdout).toContain('DEMO_DIR: where it looks');
  });

  it.each([
    [['--jsn'], 'demo: unknown option --jsn'],
    [['-x'], 'demo: unknown option -x'],
    [['--data'], 'demo: --data needs a value'],
    [['--json=yes'], 'demo: --json takes no value'],
    [
      ['--data', '--json'],
      'demo: --data needs a value (to give one that starts with "-", write --data=VALUE)',
    ],
  ])('rejects %j with its problem, the usage line and the options it knows, exit 2', (argv, first) => {
    const parsed = parse(...argv);
    expect(parsed).toMatchObject({ ok: false, code: 2, stdout: '' });
    if (parsed.ok) return;
    const lines = parsed.stderr.trimEnd().split('\n');
    expect(lines[0]).toBe(first);
    expect(lines[1]).toBe('usage: npm run demo -- [--json] [--data PATH] "question"');
    expect(lines.at(-1)).toBe('options: --json, --data, --count, --help (--help says what each does)');
  });

  it('still rejects an unknown option given with --help', () => {
    expect(parse('--help', '--bogus')).toMatchObject({ ok: false, code: 2 });
  });

  it('rejects arguments from a tool that takes none', () => {
    const none = defineCli({ name: 'none', usage: ['npm run none'], summary: 'x', options: {} });
    const parsed = parseCommandLine(none, ['stray']);
    expect(parsed).toMatchObject({ ok: false, code: 2 });
    if (!parsed.ok)
      expect(parsed.stderr).toBe('none: unexpected argument "stray"\nusage: npm run none\noptions: --help\n');
  });
});

describe('failure', () => {
  it('says a broken pack in one line naming file, line and field, exit 1', () => {
    const error = new KnowledgeError(
      { file: 'knowledge/x/pack.yaml', line: 12, field: 'cards[0].answer' },
      'required field is missing',
    );
    expect(failure(spec, error)).toEqual({
      code: 1,
      stderr: 'demo: knowledge/x/pack.yaml:12: cards[0].answer: required field is missing\n',
    });
  });

  it('says a usage error with the usage line, exit 2', () => {
    const result = failure(spec, new UsageError('--count takes a whole number above 0, not "x"'));
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n').slice(0, 2)).toEqual([
      'demo: --count takes a whole number above 0, not "x"',
      'usage: npm run demo -- [--json] [--data PATH] "question"',
    ]);
  });

  it('says a system error (a missing file) in one line, and follows a bug with its stack', () => {
    const missing = Object.assign(new Error("ENOENT: no such file or directory, open 'x.json'"), {
      code: 'ENOENT',
    });
    expect(failure(spec, missing).stderr).toBe("demo: ENOENT: no such file or directory, open 'x.json'\n");
    const bug = failure(spec, new TypeError('cannot read properties of undefined'));
    expect(bug.code).toBe(1);
    expect(bug.stderr.split('\n')[0]).toBe('demo: cannot read properties of undefined');
    expect(bug.stderr).toMatch(/\n\s+at /);
  });

  it('never prints a secret setting, even when a library quotes it', () => {
    const token = 'xoxb-very-secret-value-123';
    const result = failure(spec, new ConfigError('X', `bad ${token}`), ['TOKEN'], { TOKEN: token });
    expect(result.stderr).not.toContain(token);
    expect(result.stderr).toContain('[secret]');
  });
});

describe('positiveInteger', () => {
  it('takes whole numbers above 0, the fallback when absent, and names the option otherwise', () => {
    expect(positiveInteger('25', 'requests', 5)).toBe(25);
    expect(positiveInteger(undefined, 'requests', 5)).toBe(5);
    for (const bad of ['0', '-3', '2.5', 'ten', '', '1e3']) {
      expect(() => positiveInteger(bad, 'requests', 5)).toThrow(
        new UsageError(`--requests takes a whole number above 0, not "${bad}"`),
      );
    }
  });
});

describe('progress', () => {
  const stream = (isTTY: boolean) => {
    const written: string[] = [];
    return { written, isTTY, columns: 60, write: (text: string) => written.push(text) > 0 };
  };

  it('prints nothing at all when stderr is not a terminal', () => {
    const piped = stream(false);
    const bar = progress('eval', 10, piped);
    for (let i = 0; i < 10; i++) bar.tick();
    bar.done();
    expect(piped.written).toEqual([]);
  });

  it('draws a bar on a terminal at most ten times a second, always the last step, then clears its line', () => {
    const tty = stream(true);
    let now = 0;
    const bar = progress('eval', 4, tty, () => now);
    bar.tick(); // drawn: the first
    bar.tick(); // not: too soon
    now = 150;
    bar.tick(); // drawn
    bar.tick(); // drawn: the last
    bar.done();
    expect(tty.written).toHaveLength(4);
    expect(tty.written[0]).toMatch(/^\reval \[#+\.+\] 1\/4$/);
    expect(tty.written[2]).toMatch(/^\reval \[#+\] 4\/4$/);
    expect(tty.written[3]).toBe('\r\u001b[2K');
  });

  it('shows the bar at 0 with tick(0), and clears it for a line of results, drawn again at the next tick', () => {
    const tty = stream(true);
    const bar = progress('eval', 2, tty, () => 0);
    bar.tick(0);
    bar.clear();
    bar.clear(); // nothing to clear
    bar.tick(); // drawn at once, however soon
    bar.done();
    bar.done();
    expect(tty.written).toEqual([
      expect.stringMatching(/^\reval \[\.+\] 0\/2$/),
      '\r\u001b[2K',
      expect.stringMatching(/^\reval \[#+\.+\] 1\/2$/),
      '\r\u001b[2K',
    ]);
  });
});

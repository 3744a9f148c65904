import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { packYaml, tempKnowledge } from '../runtime/support/temp-knowledge.js';
import { runTool } from './support/run-tool.js';

/**
 * Every command-line tool, as a process: an unknown option, `--help`, and what it says when the
 * knowledge or a setting is wrong. Each run starts node with tsx (a second or more of CPU): the
 * runs go one after the other, and the command lines themselves are tested in-process
 * (`tests/runtime/cli.test.ts`, `tests/bin/ask.test.ts`).
 */
const TOOLS: ReadonlyArray<{ script: string; name: string }> = [
  { script: 'bin/ask.ts', name: 'ask' },
  { script: 'bin/start.ts', name: 'factdesk' },
  { script: 'bin/discord-register.ts', name: 'discord:register' },
  { script: 'scripts/kb-check.ts', name: 'kb:check' },
  { script: 'scripts/load.ts', name: 'load' },
  { script: 'scripts/bench-clinc.ts', name: 'bench:clinc' },
  { script: 'scripts/eval.ts', name: 'eval' },
  { script: 'scripts/tune.ts', name: 'tune' },
  { script: 'scripts/bench.ts', name: 'bench' },
];
/** The measuring tools: each loads the packs before its first question, and fails there. */
const MEASURING = TOOLS.filter((t) => ['eval', 'tune', 'bench'].includes(t.name));

const broken = tempKnowledge();
// A card without its answer: the loader names the file, the line and the field.
broken.write(packYaml().replace('    answer: Krasikov was a spy.\n', ''));
const emptyDir = mkdtempSync(join(tmpdir(), 'factdesk-tools-'));
afterAll(() => {
  broken.remove();
  rmSync(emptyDir, { recursive: true, force: true });
});
const BROKEN_LINE = /pack\.yaml:\d+: cards\[0\]\.answer: required field is missing$/;

describe('every tool', () => {
  it.each(TOOLS)(
    '$script: an unknown option exits 2 with its usage line and the options it knows',
    async ({ script, name }) => {
      const run = await runTool(script, ['--bogus']);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      const lines = run.stderr.trimEnd().split('\n');
      expect(lines[0]).toBe(`${name}: unknown option --bogus`);
      expect(lines[1]).toMatch(/^usage: npm /);
      expect(lines.at(-1)).toMatch(/^options: .*--help/);
      expect(run.stderr).not.toMatch(/\n\s+at /); // no stack trace
    },
    60_000,
  );

  // The same helper prints --help for all (tests/runtime/cli.test.ts); these show it is wired.
  it.each([...TOOLS.slice(0, 2), ...MEASURING])(
    '$script: --help prints its usage and options on stdout, exit 0',
    async ({ script }) => {
      const run = await runTool(script, ['--help']);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/^usage: npm /);
      expect(run.stdout).toContain('-h, --help');
      expect(run.stderr).toBe('');
    },
    60_000,
  );
});

describe('a broken pack or setting: one line naming what is wrong', () => {
  const env = { KNOWLEDGE_DIR: broken.dir };

  it('ask and npm start (the console chat) print one line naming file, line and field, exit 1', async () => {
    const [ask, start] = await Promise.all([
      runTool('bin/ask.ts', ['who is Krasikov?'], { env, cwd: emptyDir }),
      runTool('bin/start.ts', [], { env, cwd: emptyDir, input: 'who is Krasikov?\n' }),
    ]);
    for (const [run, name] of [
      [ask, 'ask'],
      [start, 'factdesk'],
    ] as const) {
      expect(run.code).toBe(1);
      const lines = run.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^${name}: `));
      expect(lines[0]).toMatch(BROKEN_LINE);
      expect(run.stdout).toBe('');
    }
  }, 60_000);

  it('kb:check reports it as its failed check, exit 1', async () => {
    const run = await runTool('scripts/kb-check.ts', [], { env, cwd: emptyDir });
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n').filter((l) => BROKEN_LINE.test(l))).toHaveLength(1);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  }, 60_000);

  it('load refuses a value that is not a positive whole number, exit 2, before starting anything', async () => {
    const run = await runTool('scripts/load.ts', ['--rate', 'ten']);
    expect(run.code).toBe(2);
    expect(run.stderr.split('\n')[0]).toBe('load: --rate takes a number above 0, not "ten"');
  }, 60_000);

  it('bench:clinc without its data says where it looked and where the data comes from, exit 2', async () => {
    const run = await runTool('scripts/bench-clinc.ts', ['--data', join(emptyDir, 'none.json')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`CLINC150 data not found at ${join(emptyDir, 'none.json')}`);
    expect(run.stderr).toContain('clinc/oos-eval');
    expect(run.stderr).not.toContain('shared/datasets/clinc150/README.md');
  }, 60_000);

  it.each(MEASURING)(
    '$name: a broken pack in KNOWLEDGE_DIR is one line naming file, line and field, exit 1, before any figure',
    async ({ script, name }) => {
      const run = await runTool(script, [], { env });
      expect(run.code).toBe(1);
      expect(run.stdout).toBe('');
      const lines = run.stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(new RegExp(`^${name}: `));
      expect(lines[0]).toMatch(BROKEN_LINE);
    },
    60_000,
  );

  it.each([
    [
      'eval',
      ['--options', '{"abstainBellow":0.5}'],
      'eval: --options: unknown option "abstainBellow"; options: abstainBelow, ',
    ],
    ['eval', ['--options', '{abstainBelow:0.5}'], 'eval: --options is not JSON: '],
    [
      'tune',
      ['--space', '{"bodyFieldWeigth":[0.3]}'],
      'tune: --space: unknown option "bodyFieldWeigth"; options: ',
    ],
  ])(
    '%s %j: exit 2 with the problem and the usage line, no stack, before loading anything',
    async (name, args, problem) => {
      const run = await runTool(`scripts/${name}.ts`, args);
      expect(run.code).toBe(2);
      expect(run.stdout).toBe('');
      const lines = run.stderr.trimEnd().split('\n');
      expect(lines[0]?.startsWith(problem), lines[0]).toBe(true);
      expect(lines[1]).toMatch(new RegExp(`^usage: npm run ${name} `));
      expect(run.stderr).not.toMatch(/\n\s+at /);
    },
    60_000,
  );

  it('discord:register without its token names the setting, exit 1', async () => {
    const run = await runTool('bin/discord-register.ts', [], { cwd: emptyDir });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('discord:register: DISCORD_TOKEN: required to register commands\n');
  }, 60_000);
});

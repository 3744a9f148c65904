/**
 * What logging every exchange costs under load (`npm run load:log-cost`, `-- --json`): runs the
 * steady phase of `npm run load` (open loop: signed `/ask` commands due at a fixed rate) with the
 * exchange log off and on (and on PostgreSQL with `--postgres`, when DATABASE_URL is set),
 * interleaved so that a busy machine's drift falls on both alike, and compares medians. The
 * machine's load average is reported with the figures: on a shared 2-core machine they move with it.
 *
 *   --rounds N     runs of each mode (default 3)
 *   --rate R       commands a second (default 200, as npm run load's steady phase)
 *   --duration S   seconds of each run, after load.ts's 2 s of warm-up (default 15)
 *   --postgres     also the log on PostgreSQL
 *
 * In an open loop every command is due at the rate whatever the server does, so below saturation
 * the log cannot lower the commands answered a second; what it costs shows as server CPU a command
 * (the app's processes, from /proc), which bounds the rate one instance can take: its capacity
 * falls by 1 − (CPU off / CPU on). Latencies and anything shed or lost are reported too. On a busy
 * machine the runs move more from one to the next than the log costs, so the log's own CPU per
 * question is also measured in one process (`lib/log-cost-in-process.ts`) and set against the
 * server's CPU per command with the log off. Exits 0 when that cost is under 5% and no answer was lost.
 */
import { execFile } from 'node:child_process';
import { loadavg } from 'node:os';
import { promisify } from 'node:util';
import { logCostInProcess, temporarySqlite } from './lib/log-cost-in-process.js';

const run = promisify(execFile);
const args = process.argv.slice(2);
const option = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  const value = at >= 0 ? Number(args[at + 1]) : fallback;
  return Number.isInteger(value) && value > 0 ? value : fallback;
};
const ROUNDS = option('rounds', 3);
const RATE = option('rate', 200);
const DURATION_S = option('duration', 15);
const TARGET = 0.05;
const modes = ['off', 'on', ...(args.includes('--postgres') && process.env.DATABASE_URL ? ['postgres'] : [])];

/** The fields of `npm run load -- --json`'s `steady` object read here (see scripts/load.ts). */
interface SteadyRun {
  sent: number;
  acknowledged: number;
  shed: number;
  answered: number;
  lost: number;
  ackP99Ms: number;
  answerP99Ms: number;
  serverCpuMsPerCommand: number;
  loadAverage: number;
  passed: boolean;
}

const loadBefore = loadavg();
const runs = new Map<string, SteadyRun[]>(modes.map((m) => [m, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const mode of modes) {
    const { stdout } = await run(
      process.execPath,
      [
        '--import',
        'tsx',
        'scripts/load.ts',
        '--json',
        '--phase',
        'steady',
        '--rate',
        String(RATE),
        '--duration',
        String(DURATION_S),
      ],
      {
        env: { ...process.env, LOAD_EXCHANGE_LOG: mode },
        encoding: 'utf8',
        maxBuffer: 10 * 1024 * 1024,
      },
      // load.ts exits 1 when a target is missed, and still prints its report.
    ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    const report = JSON.parse(stdout.trim().split('\n').at(-1) || '{}') as { steady?: SteadyRun };
    if (!report.steady) throw new Error(`load-log-cost: npm run load (log ${mode}) printed no steady phase`);
    const result = report.steady;
    runs.get(mode)?.push(result);
    process.stderr.write(
      `round ${round + 1} log ${mode} (load average ${result.loadAverage}): ${result.answered}/${result.sent} answered, shed ${result.shed}, lost ${result.lost}, ${result.serverCpuMsPerCommand} ms CPU a command, ack p99 ${result.ackP99Ms} ms, answer p99 ${result.answerP99Ms} ms\n`,
    );
  }
}
const loadAfter = loadavg();
const sqlite = temporarySqlite();
const inProcess = await logCostInProcess(sqlite.target).finally(() => sqlite.remove());

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] ?? 0) : ((s[mid - 1] ?? 0) + (s[mid] ?? 0)) / 2;
};
interface ModeSummary {
  answersPerSecond: number;
  serverCpuMsPerCommand: number;
  ackP99Ms: number;
  answerP99Ms: number;
  shed: number;
  lost: number;
  allPassed: boolean;
}
const summary: Record<string, ModeSummary> = Object.fromEntries(
  modes.map((mode) => {
    const rs = runs.get(mode) ?? [];
    return [
      mode,
      {
        answersPerSecond: Math.round(median(rs.map((r) => r.answered / DURATION_S))),
        serverCpuMsPerCommand: round(median(rs.map((r) => r.serverCpuMsPerCommand))),
        ackP99Ms: median(rs.map((r) => r.ackP99Ms)),
        answerP99Ms: median(rs.map((r) => r.answerP99Ms)),
        shed: rs.reduce((sum, r) => sum + r.shed, 0),
        lost: rs.reduce((sum, r) => sum + r.lost, 0),
        allPassed: rs.every((r) => r.passed),
      },
    ];
  }),
);
const off = summary.off;
const cost = (mode: string) => {
  const on = summary[mode];
  if (!off || !on) return undefined;
  // Round by round, each mode against the log-off run beside it: the machine's drift between
  // rounds, larger than the log's cost, falls on both sides of each pair.
  const offRuns = runs.get('off') ?? [];
  const paired = (runs.get(mode) ?? []).map(
    (r, i) => r.serverCpuMsPerCommand / (offRuns[i]?.serverCpuMsPerCommand ?? Number.NaN) - 1,
  );
  return {
    cpu: round(on.serverCpuMsPerCommand / off.serverCpuMsPerCommand - 1),
    capacity: round(1 - off.serverCpuMsPerCommand / on.serverCpuMsPerCommand),
    cpuPairedByRound: paired.map(round),
    cpuPairedMedian: round(median(paired)),
  };
};
const costs = Object.fromEntries(modes.filter((m) => m !== 'off').map((m) => [m, cost(m)]));
const perCommandMicros = (off?.serverCpuMsPerCommand ?? Number.NaN) * 1000;
const ownCost = round(inProcess.extraMicros / perCommandMicros);
const lost = Object.values(summary).reduce((sum, s) => sum + s.lost, 0);
const passed = ownCost < TARGET && lost === 0;
const result = {
  rounds: ROUNDS,
  rate: RATE,
  seconds: DURATION_S,
  loadAverage: { before: loadBefore.map(round), after: loadAfter.map(round) },
  summary,
  costs,
  inProcess: { ...inProcess, shareOfServerCpu: ownCost },
  passed,
};

if (args.includes('--json')) process.stdout.write(`${JSON.stringify(result)}\n`);
else {
  const pct = (x: number | undefined) => (x === undefined ? '-' : `${(x * 100).toFixed(1)}%`);
  const signed = (x: number | undefined) =>
    x === undefined ? '-' : `${x < 0 ? '−' : '+'}${pct(Math.abs(x))}`;
  const lines = [
    `npm run load --phase steady, ${RATE} commands/s for ${DURATION_S} s, ${ROUNDS} rounds per mode, interleaved; medians`,
    `load average   before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}   after ${loadAfter.map((l) => l.toFixed(2)).join(' ')}`,
    ...modes.map((m) => {
      const s = summary[m];
      return `log ${m.padEnd(9)} ${s?.answersPerSecond} answers/s, ${s?.serverCpuMsPerCommand} ms server CPU a command, ack p99 ${s?.ackP99Ms} ms, answer p99 ${s?.answerP99Ms} ms, shed ${s?.shed}, lost ${s?.lost}`;
    }),
    ...Object.entries(costs).map(
      ([m, c]) =>
        `cost of log ${m}: server CPU a command ${signed(c?.cpu)} (medians), so one instance's capacity ${signed(c && -c.capacity)}; round by round ${c?.cpuPairedByRound.map(signed).join(', ')} (median ${signed(c?.cpuPairedMedian)})`,
    ),
    `in one process: ${inProcess.offMicros.toFixed(1)} µs a question without the log, ${inProcess.onMicros.toFixed(1)} µs with it (SQLite, writes included): +${inProcess.extraMicros.toFixed(1)} µs, ${pct(ownCost)} of the server's ${perCommandMicros.toFixed(0)} µs a command`,
    passed ? `log-cost: passed (under ${TARGET * 100}%)` : `log-cost: FAILED (target under ${TARGET * 100}%)`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}
process.exitCode = passed ? 0 : 1;

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}

/**
 * What logging every exchange costs under load (`npm run load:log-cost`, `-- --json`): runs
 * `npm run load` with the exchange log off and on (and on PostgreSQL with `--postgres`, when
 * DATABASE_URL is set), interleaved so that a busy machine's drift falls on both alike, and
 * compares medians. The machine's load average is reported with the figures: on a shared 2-core
 * machine they move with it.
 *
 *   --rounds N     runs of each mode (default 3)
 *   --requests N   commands per run (default 2000, as npm run load)
 *   --postgres     also the log on PostgreSQL
 *
 * On a busy machine the load runs' medians move more from run to run than the log costs, so the
 * log's own CPU per question is also measured in one process (`lib/log-cost-in-process.ts`) and
 * set against the server's CPU per command in the load runs with the log off. Exits 0 when that
 * cost is under 5% and no answer was lost.
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
const REQUESTS = option('requests', 2000);
const TARGET = 0.05;
const modes = ['off', 'on', ...(args.includes('--postgres') && process.env.DATABASE_URL ? ['postgres'] : [])];

interface LoadRun {
  requestsPerSecond: number;
  allDeliveredInMs: number;
  serverCpuMsPerCommand: number;
  ackP99Ms: number;
  lost: number;
  passed: boolean;
}

const loadBefore = loadavg();
const runs = new Map<string, LoadRun[]>(modes.map((m) => [m, []]));
for (let round = 0; round < ROUNDS; round++) {
  for (const mode of modes) {
    const { stdout } = await run(
      process.execPath,
      ['--import', 'tsx', 'scripts/load.ts', '--json', '--requests', String(REQUESTS)],
      {
        env: { ...process.env, LOAD_EXCHANGE_LOG: mode },
        encoding: 'utf8',
        maxBuffer: 10 * 1024 * 1024,
      },
    ).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? '' }));
    const result = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as LoadRun;
    runs.get(mode)?.push(result);
    process.stderr.write(
      `round ${round + 1} ${mode}: ${result.requestsPerSecond} commands/s, answers in ${result.allDeliveredInMs} ms, ${result.serverCpuMsPerCommand} ms CPU a command\n`,
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
const summary = Object.fromEntries(
  modes.map((mode) => {
    const rs = runs.get(mode) ?? [];
    return [
      mode,
      {
        commandsPerSecond: median(rs.map((r) => r.requestsPerSecond)),
        answersPerSecond: Math.round(median(rs.map((r) => (REQUESTS / r.allDeliveredInMs) * 1000))),
        serverCpuMsPerCommand: median(rs.map((r) => r.serverCpuMsPerCommand)),
        ackP99Ms: median(rs.map((r) => r.ackP99Ms)),
        lost: rs.reduce((sum, r) => sum + r.lost, 0),
        allPassed: rs.every((r) => r.passed),
      },
    ];
  }),
) as Record<
  string,
  {
    commandsPerSecond: number;
    answersPerSecond: number;
    serverCpuMsPerCommand: number;
    ackP99Ms: number;
    lost: number;
    allPassed: boolean;
  }
>;
const off = summary.off;
const cost = (mode: string) => {
  const on = summary[mode];
  if (!off || !on) return undefined;
  return {
    throughput: round(1 - on.answersPerSecond / off.answersPerSecond),
    commandsPerSecond: round(1 - on.commandsPerSecond / off.commandsPerSecond),
    cpu: round(on.serverCpuMsPerCommand / off.serverCpuMsPerCommand - 1),
  };
};
const costs = Object.fromEntries(modes.filter((m) => m !== 'off').map((m) => [m, cost(m)]));
const perCommandMicros = (summary.off?.serverCpuMsPerCommand ?? Number.NaN) * 1000;
const ownCost = round(inProcess.extraMicros / perCommandMicros);
const passed = ownCost < TARGET && (summary.on?.lost ?? 1) === 0;
const result = {
  rounds: ROUNDS,
  requests: REQUESTS,
  loadAverage: { before: loadBefore.map(round), after: loadAfter.map(round) },
  summary,
  costs,
  inProcess: { ...inProcess, shareOfServerCpu: ownCost },
  passed,
};

if (args.includes('--json')) process.stdout.write(`${JSON.stringify(result)}\n`);
else {
  const pct = (x: number | undefined) => (x === undefined ? '-' : `${(x * 100).toFixed(1)}%`);
  const lines = [
    `npm run load, ${ROUNDS} rounds of ${REQUESTS} commands per mode, interleaved; medians`,
    `load average   before ${loadBefore.map((l) => l.toFixed(2)).join(' ')}   after ${loadAfter.map((l) => l.toFixed(2)).join(' ')} (2 cores)`,
    ...modes.map((m) => {
      const s = summary[m];
      return `log ${m.padEnd(9)} ${s?.answersPerSecond} answers/s, ${s?.commandsPerSecond} commands/s acknowledged, ${s?.serverCpuMsPerCommand} ms server CPU a command, ack p99 ${s?.ackP99Ms} ms, lost ${s?.lost}`;
    }),
    ...Object.entries(costs).map(
      ([m, c]) =>
        `cost of log ${m}: throughput ${pct(c?.throughput)}, acknowledgements ${pct(c?.commandsPerSecond)}, server CPU +${pct(c?.cpu)}`,
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

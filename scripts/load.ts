/**
 * Load test of the Slack adapter in HTTP mode (`npm run load`; `npm run load -- --help`).
 *
 * Starts Factdesk through its real entry point (`bin/start.ts`, a child process: rate limit,
 * health and graceful shutdown included) against the fake Slack Web API and response_url server
 * the adapter tests use, all on 127.0.0.1, and sends it correctly signed `/ask` commands with
 * real questions (the bundled story's test set: answered, unanswered and built-in ones), open loop: each
 * command is sent when it is due, whatever happened to the earlier ones. Phases:
 *
 *   steady   --rate R (200) commands/s for --duration S (30) seconds, after 2 s of warm-up
 *   sweep    --rates (200,400,…,1400) for --step-duration S (8) each, on one process: where it
 *            saturates; /healthz is probed every 250 ms meanwhile, as a load balancer would
 *   sigterm  --runs N (10) fresh processes, --sigterm-rate R (200)/s for --sigterm-duration S (4),
 *            SIGTERM half-way through while sending goes on; `--hold-open` also holds one idle
 *            TCP connection and one half-sent request open across the SIGTERM
 *
 *   --instances N   instances behind a round-robin proxy, sharing Redis (default 1)
 *   --redis         state in Redis with one instance too (see scripts/lib/load-target.ts)
 *
 * `LOAD_EXCHANGE_LOG=on|off|postgres` chooses the app's exchange log (default on: SQLite in a
 * temporary DATA_DIR; postgres: a schema of the run's own on DATABASE_URL), removed afterwards;
 * see scripts/lib/exchange-log-env.ts. `npm run load:log-cost` compares off and on.
 *
 * `--phase steady|sweep|sigterm|sigterm-held` runs one; by default all four run (about 7 minutes),
 * which is what the README reports. `--json` prints one JSON object. Exits 0 when every phase met
 * its targets. The machine's load average is printed with the figures: on a shared machine they
 * move with it, so compare runs at similar load.
 */
import { readFileSync } from 'node:fs';
import { connect, type Socket } from 'node:net';
import { cpus, loadavg } from 'node:os';
import { readCommandLine } from '../src/runtime/cli.js';
import { startFakeSlack } from '../tests/adapters/slack/support/fake-slack.js';
import { loadEvalSet } from './lib/eval-set.js';
import { exchangeLogEnv } from './lib/exchange-log-env.js';
import { percentile as percentileOf } from './lib/latency.js';
import { checkLoadValues, loadCli } from './lib/load-cli.js';
import { type LoadTarget, startLoadTarget } from './lib/load-target.js';
import { openLoop, type Sent, slackHttpEnv, type Tally, tally, waitForAnswers } from './lib/slack-load.js';

const args = process.argv.slice(2);
// The shared command line checks what is given (unknown options and bad numbers exit 2 with the
// usage line; --help lists the options); the values are read below as before.
readCommandLine(loadCli, checkLoadValues);
const text = (name: string): string | undefined => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? args[at + 1] : undefined;
};
const number = (name: string, fallback: number): number => {
  const value = Number(text(name));
  return Number.isFinite(value) && value > 0 ? value : fallback;
};
const json = args.includes('--json');
const PHASES = ['steady', 'sweep', 'sigterm', 'sigterm-held'] as const;
type Phase = (typeof PHASES)[number];
const chosen = text('phase');
const phases: Phase[] = chosen ? PHASES.filter((p) => p === chosen) : [...PHASES];
if (chosen && phases.length === 0) {
  process.stderr.write(`load: unknown phase ${chosen} (one of ${PHASES.join(', ')})\n`);
  process.exit(2);
}
if (args.includes('--hold-open') && chosen === 'sigterm') phases.splice(0, 1, 'sigterm-held');

const RATE = number('rate', 200);
const DURATION_S = number('duration', 30);
const RATES = (text('rates') ?? '200,400,600,800,1000,1200,1400')
  .split(',')
  .map(Number)
  .filter((r) => r > 0);
const STEP_S = number('step-duration', 8);
const RUNS = number('runs', 10);
const SIGTERM_RATE = number('sigterm-rate', 200);
const SIGTERM_S = number('sigterm-duration', 4);
/** Distinct askers: few commands each, so that the default rate limit (burst 10) does not bite. */
const USERS = 20_000;
/**
 * Keep-alive connections at most, as a load balancer's pool would hold: fewer than the server's
 * cap (`SLACK_MAX_CONNECTIONS`, 256), so commands beyond what the server takes wait in the pool,
 * as they would in front of a real instance, and the latency from when they were due shows it.
 * (Past the cap, connections refused and re-opened pile up in the kernel's accept queue, and the
 * figures measure TCP's SYN retries rather than the server.)
 */
const CONNECTIONS = 200;
const TARGET = { ackP99Ms: 100, answerP99Ms: 1000 };
/** A health probe slower than this counts as failed (a Kubernetes probe's default timeout is 1 s). */
const HEALTH_TIMEOUT_MS = 1000;
/** The whole run gives up after this, whatever happens. */
const DEADLINE_MS = 15 * 60 * 1000;

const deadline = setTimeout(() => {
  process.stderr.write(`load: gave up after ${DEADLINE_MS / 60_000} minutes\n`);
  process.exit(1);
}, DEADLINE_MS);
deadline.unref();

const meetsTargets = (t: Tally) =>
  t.shed === 0 &&
  t.lost === 0 &&
  t.twice === 0 &&
  t.refused === 0 &&
  t.ackP99Ms < TARGET.ackP99Ms &&
  t.answerP99Ms < TARGET.answerP99Ms;

const questions = loadEvalSet('tests/eval/stories/us-russia-prisoner-exchange/test.yaml').map(
  (item) => item.q,
);
let nextIndex = 0;
// The exchange log on (SQLite in a temporary directory), off, or on PostgreSQL: LOAD_EXCHANGE_LOG.
const exchangeLog = exchangeLogEnv();
const fake = await startFakeSlack();
const machine = {
  cpus: cpus().length,
  cpu: cpus()[0]?.model ?? 'unknown',
  node: process.version,
  loadAverageAtStart: loadavg().map((l) => Math.round(l * 100) / 100),
};
const report: Record<string, unknown> = { machine, exchangeLog: exchangeLog.mode };
let passed = true;
const lines: string[] = [
  `machine: ${machine.cpus} × ${machine.cpu}, node ${machine.node}, load average ${machine.loadAverageAtStart.join(' ')}; exchange log ${exchangeLog.mode}`,
];
const say = (line: string) => {
  lines.push(line);
  // With --json, stdout holds the one JSON object; progress goes to stderr.
  (json ? process.stderr : process.stdout).write(`${line}\n`);
};
if (!json) process.stdout.write(`${lines[0]}\n`);

try {
  for (const phase of phases) {
    if (phase === 'steady') await steady();
    if (phase === 'sweep') await sweep();
    if (phase === 'sigterm') await sigterms(false);
    if (phase === 'sigterm-held') await sigterms(true);
  }
} finally {
  await fake.close();
  await exchangeLog.cleanup();
  clearTimeout(deadline);
}
report.loadAverageAtEnd = loadavg().map((l) => Math.round(l * 100) / 100);
report.passed = passed;
if (json) process.stdout.write(`${JSON.stringify(report)}\n`);
else process.stdout.write(`load: ${passed ? 'passed' : 'FAILED'}\n`);
process.exitCode = passed ? 0 : 1;

/** A fresh Factdesk in Slack HTTP mode, ready: one instance, or several behind a proxy (`--instances`). */
async function startApp(): Promise<{ app: LoadTarget; base: string }> {
  const app = await startLoadTarget(args, slackHttpEnv(fake, exchangeLog.env));
  return { app, base: app.base };
}

async function load(
  base: string,
  rate: number,
  seconds: number,
  onDue?: (i: number) => void,
): Promise<Sent[]> {
  const count = Math.round(rate * seconds);
  const firstIndex = nextIndex;
  nextIndex += count;
  return openLoop({
    base,
    fake,
    rate,
    count,
    firstIndex,
    questions,
    users: USERS,
    connections: CONNECTIONS,
    ...(onDue ? { onDue } : {}),
  });
}

/** Error lines logged by the app so far (all instances). */
function errorLines(app: LoadTarget): number {
  return app.logs.filter((line) => /"level":(50|60)/.test(line)).length;
}

function describeTally(t: Tally): string {
  return [
    `sent ${t.sent}, acknowledged ${t.acknowledged}, shed ${t.shed}, refused ${t.refused}, answered ${t.answered}, lost ${t.lost}, twice ${t.twice}`,
    `ack p50 ${t.ackP50Ms} ms, p99 ${t.ackP99Ms} ms, max ${t.ackMaxMs} ms (client late by up to ${t.clientLagP99Ms} ms at p99); refusal p99 ${t.shedP99Ms} ms; answer after ack p50 ${t.answerP50Ms} ms, p99 ${t.answerP99Ms} ms, max ${t.answerMaxMs} ms`,
  ].join('; ');
}

async function steady(): Promise<void> {
  const { app, base } = await startApp();
  try {
    await load(base, RATE, 2); // warm-up: code not yet compiled runs in the first requests
    await waitIdle(app);
    const errorsAt = errorLines(app);
    const cpuAt = serverCpuMs(app);
    const load1 = loadavg()[0] ?? 0;
    const sent = await load(base, RATE, DURATION_S);
    await waitForAnswers(sent, fake, 10_000);
    const t = tally(sent, fake);
    const errors = errorLines(app) - errorsAt;
    const cpuMsPerCommand = Math.round(((serverCpuMs(app) - cpuAt) / sent.length) * 1000) / 1000;
    const ok = meetsTargets(t) && errors === 0;
    passed &&= ok;
    const loadAverage = round2((load1 + (loadavg()[0] ?? 0)) / 2);
    report.steady = {
      rate: RATE,
      seconds: DURATION_S,
      ...t,
      errorLogLines: errors,
      serverCpuMsPerCommand: cpuMsPerCommand,
      loadAverage,
      passed: ok,
    };
    say(
      `steady ${RATE}/s for ${DURATION_S} s (load average ${loadAverage}): ${describeTally(t)}; server CPU ${cpuMsPerCommand} ms a command; error logs ${errors} → ${ok ? 'ok' : 'MISSED'}`,
    );
  } finally {
    await app.stop('SIGTERM', 20_000);
    await app.cleanup();
  }
}

async function sweep(): Promise<void> {
  const { app, base } = await startApp();
  const steps: Array<Record<string, unknown>> = [];
  const meeting: number[] = [];
  let firstShedding: number | undefined;
  try {
    await load(base, RATES[0] ?? 200, 2);
    await waitIdle(app);
    for (const rate of RATES) {
      const errorsAt = errorLines(app);
      const load1 = loadavg()[0] ?? 0;
      const probes = probeHealth(base);
      const sent = await load(base, rate, STEP_S);
      const health = await probes.stop();
      await waitForAnswers(sent, fake, 10_000);
      const t = tally(sent, fake);
      const errors = errorLines(app) - errorsAt;
      const loadAverage = round2((load1 + (loadavg()[0] ?? 0)) / 2);
      const good = meetsTargets(t);
      if (good) meeting.push(rate);
      if (t.shed > 0 && firstShedding === undefined) firstShedding = rate;
      // Past saturation: refusals instead of a queue. Answers still follow their acks promptly,
      // and nothing acknowledged is lost.
      const bounded = t.lost === 0 && t.answerP99Ms < TARGET.answerP99Ms;
      passed &&= bounded && errors === 0;
      steps.push({
        rate,
        seconds: STEP_S,
        ...t,
        health,
        errorLogLines: errors,
        loadAverage,
        meetsTargets: good,
        bounded,
      });
      say(
        `sweep ${rate}/s for ${STEP_S} s (load average ${loadAverage}): ${describeTally(t)}; /healthz ${health.ok}/${health.probes} within ${HEALTH_TIMEOUT_MS} ms, p99 ${health.p99Ms} ms; error logs ${errors}${good ? '' : ' (targets missed)'}${bounded ? '' : ' UNBOUNDED OR LOST'}`,
      );
      await waitIdle(app);
    }
  } finally {
    await app.stop('SIGTERM', 20_000);
    await app.cleanup();
  }
  report.sweep = {
    target: app.label,
    steps,
    ratesMeetingTargets: meeting,
    firstRateShedding: firstShedding ?? null,
  };
  say(
    `sweep (${app.label}): targets met at ${meeting.length > 0 ? meeting.map((r) => `${r}/s`).join(', ') : 'no rate tried'}; shedding from ${firstShedding === undefined ? 'no rate tried' : `${firstShedding}/s`}`,
  );
}

async function sigterms(holdOpen: boolean): Promise<void> {
  const runs: Array<Record<string, unknown>> = [];
  for (let run = 1; run <= RUNS; run++) {
    const { app, base } = await startApp();
    const held: Socket[] = [];
    try {
      if (holdOpen) held.push(...(await holdConnections(base)));
      const count = Math.round(SIGTERM_RATE * SIGTERM_S);
      let signalledAt = 0;
      let exitedAt = 0;
      let stopping: Promise<number | string> | undefined;
      const load1 = loadavg()[0] ?? 0;
      const sent = await load(base, SIGTERM_RATE, SIGTERM_S, (i) => {
        if (i === Math.floor(count / 2)) {
          signalledAt = performance.now();
          stopping = app.stop('SIGTERM', 30_000).then((code) => {
            exitedAt = performance.now();
            return code;
          });
        }
      });
      const code = (await stopping) ?? 'never signalled';
      const exitMs = Math.round(exitedAt - signalledAt);
      const t = tally(sent, fake);
      const unanswered = app.logs.filter((l) => l.includes('acknowledged request not answered')).length;
      const errors = errorLines(app);
      const heldClosed = held.every((s) => s.destroyed || s.readableEnded);
      const ok = code === 0 && t.lost === 0 && t.twice === 0 && (!holdOpen || heldClosed);
      passed &&= ok;
      const loadAverage = round2(load1);
      runs.push({
        run,
        exitCode: code,
        exitMsAfterSigterm: exitMs,
        ...t,
        unansweredLogged: unanswered,
        errorLogLines: errors,
        heldConnectionsClosed: holdOpen ? heldClosed : null,
        loadAverage,
        passed: ok,
      });
      say(
        `sigterm${holdOpen ? ' (idle + half-sent connections held)' : ''} run ${run} (load average ${loadAverage}): exit ${code} ${exitMs} ms after SIGTERM; acknowledged ${t.acknowledged}, answered ${t.answered}, lost ${t.lost}, shed ${t.shed}, refused ${t.refused}; error logs ${errors} → ${ok ? 'ok' : 'FAILED'}`,
      );
    } finally {
      for (const socket of held) socket.destroy();
      await app.cleanup();
    }
  }
  const summary = {
    runs,
    exitedZero: runs.filter((r) => r.exitCode === 0).length,
    lost: runs.reduce((sum, r) => sum + Number(r.lost), 0),
    acknowledged: runs.reduce((sum, r) => sum + Number(r.acknowledged), 0),
  };
  report[holdOpen ? 'sigtermHeld' : 'sigterm'] = summary;
  say(
    `sigterm${holdOpen ? ' with held connections' : ''}: exit 0 in ${summary.exitedZero}/${runs.length} runs; ${summary.acknowledged} acknowledged, ${summary.lost} unanswered`,
  );
}

/**
 * Probes `/healthz` every 250 ms, as a load balancer would, each probe failing after
 * {@link HEALTH_TIMEOUT_MS}; `stop` waits for the last ones and says how many answered 200 in time.
 */
function probeHealth(base: string): { stop(): Promise<{ probes: number; ok: number; p99Ms: number }> } {
  const times: number[] = [];
  let probes = 0;
  const inFlight: Array<Promise<void>> = [];
  const probe = () => {
    probes += 1;
    const started = performance.now();
    inFlight.push(
      fetch(`${base}/healthz`, { signal: AbortSignal.timeout(HEALTH_TIMEOUT_MS) })
        .then(async (res) => {
          await res.arrayBuffer();
          if (res.status === 200) times.push(performance.now() - started);
        })
        .catch(() => {}),
    );
  };
  const timer = setInterval(probe, 250);
  return {
    async stop() {
      clearInterval(timer);
      await Promise.all(inFlight);
      const sorted = [...times].sort((a, b) => a - b);
      return { probes, ok: times.length, p99Ms: Math.round(percentileOf(sorted, 99)) };
    },
  };
}

/** One idle TCP connection and one request whose body stops half-way, both left open. */
async function holdConnections(base: string): Promise<Socket[]> {
  const { port, hostname } = new URL(base);
  const open = () =>
    new Promise<Socket>((resolve, reject) => {
      const socket = connect(Number(port), hostname, () => resolve(socket));
      socket.on('error', () => {}); // reset at shutdown: expected
      socket.once('error', reject);
      socket.resume();
    });
  const idle = await open();
  const half = await open();
  half.write(
    'POST /slack/events HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 200\r\n\r\n{"type":',
  );
  return [idle, half];
}

/** Waits until the app has answered everything and logged nothing for a moment. */
async function waitIdle(app: LoadTarget): Promise<void> {
  let count = -1;
  while (count !== app.logs.length) {
    count = app.logs.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
  }
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}

/** CPU time the app's processes have used, in ms. */
function serverCpuMs(app: LoadTarget): number {
  return app.pids.reduce((sum, pid) => sum + cpuMsOf(pid), 0);
}

/** CPU time (user + system) a process has used, from /proc; NaN where there is no /proc. */
function cpuMsOf(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return ((Number(fields[11]) + Number(fields[12])) / 100) * 1000;
  } catch {
    return Number.NaN;
  }
}

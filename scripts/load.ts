/**
 * Load test of the Slack adapter in HTTP mode (`npm run load`, `npm run load -- --json`).
 *
 * Starts Factdesk through its real entry point (`bin/start.ts`, a child process: rate limit,
 * health and graceful shutdown included) against the fake Slack Web API and response_url server
 * the adapter tests use, all on 127.0.0.1. Fires correctly signed `/ask` commands over a pool of
 * keep-alive connections, then counts what was acknowledged and what was answered, and stops the
 * app with SIGTERM. Bounded: fixed number of requests, and a deadline after which it gives up.
 *
 *   --requests N      commands to send (default 2000)
 *   --concurrency N   connections, each with one request in flight at a time (default 100)
 *   --warmup N        commands sent first and not measured (default 200)
 *   --instances N     instances behind a round-robin proxy, sharing Redis (default 1)
 *   --redis           state in Redis with one instance too (see scripts/lib/load-target.ts)
 *
 * Exits 0 when every command was acknowledged and answered and p99 ack latency is under 100 ms.
 */
import { readFileSync } from 'node:fs';
import { Agent } from 'node:http';
import { BOT_TOKEN, startFakeSlack } from '../tests/adapters/slack/support/fake-slack.js';
import { slashCommand } from '../tests/adapters/slack/support/payloads.js';
import { postSigned, SIGNING_SECRET } from '../tests/adapters/slack/support/signed-request.js';
import { trackAnswers } from './lib/answer-times.js';
import { loadEvalSet } from './lib/eval-set.js';
import { exchangeLogEnv } from './lib/exchange-log-env.js';
import { percentile } from './lib/latency.js';
import { startLoadTarget } from './lib/load-target.js';

const args = process.argv.slice(2);
const option = (name: string, fallback: number): number => {
  const at = args.indexOf(`--${name}`);
  const value = at >= 0 ? Number(args[at + 1]) : fallback;
  return Number.isInteger(value) && value > 0 ? value : fallback;
};
const REQUESTS = option('requests', 2000);
const WARMUP = option('warmup', 200);
const CONCURRENCY = option('concurrency', 100);
/** Distinct askers: with the default rate limit (burst 10) none of them is limited. */
const USERS = 500;
const DEADLINE_MS = 120_000;
const P99_TARGET_MS = 100;
const json = args.includes('--json');

const deadline = setTimeout(() => {
  process.stderr.write(`load: gave up after ${DEADLINE_MS / 1000} s\n`);
  process.exit(1);
}, DEADLINE_MS);
deadline.unref();

const fake = await startFakeSlack();
// The exchange log on (SQLite in a temporary directory), off, or on PostgreSQL: LOAD_EXCHANGE_LOG.
const exchangeLog = exchangeLogEnv();
const answers = trackAnswers(fake.responses, (r) => Number(r.id.slice('load-'.length)));
const app = await startLoadTarget(args, {
  ...exchangeLog.env,
  SLACK_BOT_TOKEN: BOT_TOKEN,
  SLACK_SIGNING_SECRET: SIGNING_SECRET,
  SLACK_API_URL: fake.apiUrl,
  PORT: '0',
  LOG_LEVEL: 'info',
  KNOWLEDGE_WATCH: 'false',
});

try {
  const base = app.base;

  // Real questions, a mix of answered, unanswered and built-in ones.
  const questions = loadEvalSet('tests/eval/test.yaml').map((item) => item.q);
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  let acknowledged = 0;
  let errors = 0;
  /** Sends commands `from`..`to` - 1 over CONCURRENCY connections, each one request at a time. */
  const fire = async (from: number, to: number, user: (i: number) => string, measured: boolean) => {
    let next = from;
    const worker = async () => {
      while (next < to) {
        const i = next++;
        const fields = slashCommand({
          text: questions[i % questions.length] ?? 'help',
          responseUrl: fake.responseUrl(`load-${i}`),
          user: user(i),
        });
        try {
          answers.sent(i);
          const sent = await postSigned(
            `${base}/slack/events`,
            new URLSearchParams(fields).toString(),
            'application/x-www-form-urlencoded',
            { agent },
          );
          if (!measured) continue;
          statuses.set(sent.status, (statuses.get(sent.status) ?? 0) + 1);
          latencies.push(sent.ms);
          if (sent.status === 200) acknowledged += 1;
          else errors += 1;
        } catch {
          if (measured) errors += 1;
        }
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  };

  // Warm-up, not measured: the first requests of a fresh process run code not yet compiled.
  // Its askers are others than the measured ones, so that it spends none of their rate limit.
  await fire(0, WARMUP, (i) => `W${String(i).padStart(6, '0')}`, false);
  /** Distinct commands of the measured run answered so far (a response_url may be used more than once). */
  const answeredFrom = (first: number) =>
    new Set(fake.responses.items.map((r) => Number(r.id.slice('load-'.length))).filter((i) => i >= first))
      .size;
  const waitWarm = performance.now() + 10_000;
  while (answeredFrom(0) < WARMUP && performance.now() < waitWarm) await sleep(20);

  const serverCpu = () => app.pids.reduce((sum, pid) => sum + cpuMsOf(pid), 0);
  await app.markRedis();
  const childCpuAt = serverCpu();
  const ownCpuAt = process.cpuUsage();
  const firedAt = performance.now();
  await fire(WARMUP, WARMUP + REQUESTS, (i) => `U${String(i % USERS).padStart(6, '0')}`, true);
  const firedMs = performance.now() - firedAt;

  // Answers go out after the ack; give the last ones a moment to arrive.
  const answered = () => answeredFrom(WARMUP);
  const waitUntil = performance.now() + 10_000;
  while (answered() < acknowledged && performance.now() < waitUntil) await sleep(20);
  const deliveredMs = performance.now() - firedAt;
  const serverCpuMs = serverCpu() - childCpuAt;
  const redisCommands = await app.redisCommands();
  const answerLatencies = answers.latencies(WARMUP);
  const ownCpu = process.cpuUsage(ownCpuAt);
  const clientCpuMs = (ownCpu.user + ownCpu.system) / 1000;
  const measuredResponses = fake.responses.items.filter((r) => Number(r.id.slice('load-'.length)) >= WARMUP);
  const rateLimited = measuredResponses.filter((r) =>
    JSON.stringify(r.body).includes('faster than I'),
  ).length;
  const duplicates = measuredResponses.length - answered();
  agent.destroy();

  const stopAt = performance.now();
  const exitCode = await app.stop('SIGTERM');
  const shutdownMs = performance.now() - stopAt;
  const errorLogs = app.logs.filter((line) => /"level":(50|60)/.test(line)).length;

  latencies.sort((a, b) => a - b);
  const summary = {
    target: app.label,
    warmup: WARMUP,
    requests: REQUESTS,
    concurrency: CONCURRENCY,
    acknowledged,
    errors,
    statuses: Object.fromEntries(statuses),
    ackP50Ms: round(percentile(latencies, 50)),
    ackP99Ms: round(percentile(latencies, 99)),
    ackMaxMs: round(latencies.at(-1) ?? 0),
    answersDelivered: answered(),
    answerP50Ms: round(percentile(answerLatencies, 50)),
    answerP99Ms: round(percentile(answerLatencies, 99)),
    answeredPerInstance: app.answeredPerInstance(),
    redisCommandsPerCommand: redisCommands && {
      ...redisCommands,
      perCommand: round(redisCommands.total / REQUESTS, 2),
    },
    lost: acknowledged - answered(),
    duplicates,
    rateLimited,
    firedInMs: Math.round(firedMs),
    requestsPerSecond: Math.round((REQUESTS / firedMs) * 1000),
    allDeliveredInMs: Math.round(deliveredMs),
    serverCpuMsPerCommand: round(serverCpuMs / REQUESTS, 3),
    clientAndFakesCpuMsPerCommand: round(clientCpuMs / REQUESTS, 3),
    errorLogLines: errorLogs,
    shutdown: { exitCode, ms: Math.round(shutdownMs) },
  };
  const passed =
    acknowledged === REQUESTS &&
    summary.lost === 0 &&
    duplicates === 0 &&
    summary.ackP99Ms < P99_TARGET_MS &&
    exitCode === 0 &&
    errorLogs === 0;

  if (json) process.stdout.write(`${JSON.stringify({ ...summary, passed })}\n`);
  else {
    const lines = [
      `Slack HTTP mode, ${app.label}: ${REQUESTS} signed /ask commands over ${CONCURRENCY} keep-alive connections (after ${WARMUP} to warm up)`,
      `acknowledged   ${acknowledged}/${REQUESTS}   (errors ${errors}; statuses ${JSON.stringify(summary.statuses)})`,
      `ack latency    p50 ${summary.ackP50Ms} ms   p99 ${summary.ackP99Ms} ms   max ${summary.ackMaxMs} ms   (target p99 < ${P99_TARGET_MS} ms)`,
      `throughput     ${summary.requestsPerSecond} commands/s (all sent in ${summary.firedInMs} ms)`,
      `answers        ${summary.answersDelivered} delivered to response_url, ${summary.lost} lost, ${duplicates} twice, ${rateLimited} rate-limited; all in ${summary.allDeliveredInMs} ms`,
      `answer latency p50 ${summary.answerP50Ms} ms   p99 ${summary.answerP99Ms} ms   (answered per instance: ${summary.answeredPerInstance.join(' / ')}, warm-up included)`,
      ...(redisCommands
        ? [
            `redis          ${round(redisCommands.total / REQUESTS, 2)} commands a command (${JSON.stringify(redisCommands.byCommand)}${redisCommands.exact ? '' : '; other clients of REDIS_URL included'}); found unreachable ${redisCommands.unreachable} times`,
          ]
        : []),
      `cpu            server ${summary.serverCpuMsPerCommand} ms a command (ack and answer); load client and fakes ${summary.clientAndFakesCpuMsPerCommand} ms`,
      `error logs     ${errorLogs}`,
      `shutdown       SIGTERM → exit ${String(exitCode)} in ${summary.shutdown.ms} ms`,
      passed ? 'load: passed' : 'load: FAILED',
    ];
    process.stdout.write(`${lines.join('\n')}\n`);
  }
  process.exitCode = passed ? 0 : 1;
} finally {
  await app.cleanup();
  await fake.close();
  await exchangeLog.cleanup();
  clearTimeout(deadline);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function round(n: number, digits = 1): number {
  return Math.round(n * 10 ** digits) / 10 ** digits;
}

/** CPU time (user + system) a process has used, from /proc; NaN where there is no /proc. */
function cpuMsOf(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // Fields after the command name (which may hold spaces) start after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticks = Number(fields[11]) + Number(fields[12]);
    return (ticks / 100) * 1000;
  } catch {
    return Number.NaN;
  }
}

/**
 * Open-loop load on the Slack HTTP endpoint, and what became of every command sent.
 *
 * Open loop: command i is due at `start + i / rate`, whether or not earlier ones were answered,
 * as Slack's traffic would be. Latency is measured from when a command was due, not from when a
 * connection was free to send it, so a server that slows the client down pays for it in the
 * figures (no coordinated omission). Bounded: a fixed number of commands, a pool of connections.
 */
import { Agent } from 'node:http';
import { BUSY_TEXT } from '../../adapters/slack/notices.js';
import { BOT_TOKEN, type FakeSlack } from '../../tests/adapters/slack/support/fake-slack.js';
import { slashCommand } from '../../tests/adapters/slack/support/payloads.js';
import { postSigned, SIGNING_SECRET } from '../../tests/adapters/slack/support/signed-request.js';
import { percentile } from './latency.js';

/** What became of one command. */
export interface Sent {
  index: number;
  /** When it was due (performance.now()). */
  dueAt: number;
  /** When the client got round to sending it: later than due when the client itself is starved. */
  sentAt: number;
  /** When its HTTP answer arrived; undefined when none did. */
  ackAt?: number;
  status?: number;
  /** Acknowledged with the "busy" reply, or answered 503: refused for load. */
  shed: boolean;
  /** The connection failed (refused, reset): nothing was acknowledged. */
  error?: string;
}

export interface LoadOptions {
  /** `http://127.0.0.1:port` of the app. */
  base: string;
  fake: FakeSlack;
  /** Commands a second. */
  rate: number;
  /** Commands to send. */
  count: number;
  /** Index of the first command: ids and response_urls are `load-<index>`, unique across phases. */
  firstIndex: number;
  questions: readonly string[];
  /** Distinct askers, spread so that the default rate limit does not bite. */
  users: number;
  /** Connections kept open at most. */
  connections: number;
  /** Called when command `i - firstIndex` is due, before it is sent (the SIGTERM runs hook here). */
  onDue?: (sentSoFar: number) => void;
}

export const responseId = (index: number) => `load-${index}`;

/** The environment of a Factdesk child in Slack HTTP mode against `fake`, on a free port. */
export function slackHttpEnv(fake: FakeSlack, extra: Record<string, string> = {}): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: '0',
    LOG_LEVEL: 'info',
    KNOWLEDGE_WATCH: 'false',
    ...extra,
  };
}

/** Sends `count` commands at `rate` a second; resolves once every one has its outcome. */
export async function openLoop(options: LoadOptions): Promise<Sent[]> {
  const { base, fake, rate, count, firstIndex, questions, users, connections } = options;
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  const results: Sent[] = [];
  const inFlight: Array<Promise<void>> = [];
  const start = performance.now() + 5;
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (next < count && start + (next * 1000) / rate <= now) {
        const i = next++;
        options.onDue?.(i);
        inFlight.push(send(i, start + (i * 1000) / rate));
      }
      if (next >= count) return resolve();
      setTimeout(tick, Math.max(0, Math.min(5, start + (next * 1000) / rate - now)));
    };
    tick();
  });
  await Promise.all(inFlight);
  agent.destroy();
  return results.sort((a, b) => a.index - b.index);

  async function send(offset: number, dueAt: number): Promise<void> {
    const index = firstIndex + offset;
    const fields = slashCommand({
      text: questions[index % questions.length] ?? 'help',
      responseUrl: fake.responseUrl(responseId(index)),
      user: `U${String(index % users).padStart(6, '0')}`,
      triggerId: responseId(index),
    });
    const outcome: Sent = { index, dueAt, sentAt: performance.now(), shed: false };
    try {
      const answer = await postSigned(
        `${base}/slack/events`,
        new URLSearchParams(fields).toString(),
        'application/x-www-form-urlencoded',
        { agent },
      );
      outcome.ackAt = performance.now();
      outcome.status = answer.status;
      outcome.shed = answer.status === 503 || (answer.status === 200 && answer.body.includes(BUSY_TEXT));
    } catch (error) {
      outcome.error = (error as NodeJS.ErrnoException).code ?? String(error);
    }
    results.push(outcome);
  }
}

/** The counts and latencies a phase reports. */
export interface Tally {
  sent: number;
  acknowledged: number;
  shed: number;
  /** Connection refused or reset, or another status: not acknowledged. */
  refused: number;
  answered: number;
  /** Acknowledged and never answered. */
  lost: number;
  /** Answered more than once. */
  twice: number;
  ackP50Ms: number;
  ackP99Ms: number;
  ackMaxMs: number;
  /** How late the client itself sent (due → sent): the part of the latency that is not the server's. */
  clientLagP99Ms: number;
  /** How quickly a refusal came back. */
  shedP99Ms: number;
  /** Time from the acknowledgement to the answer reaching response_url. */
  answerP50Ms: number;
  answerP99Ms: number;
  answerMaxMs: number;
  /** Indexes of acknowledged commands never answered (first 20). */
  lostIds: string[];
}

/** Tallies `sent` against what the fake response_url received. */
export function tally(sent: readonly Sent[], fake: FakeSlack): Tally {
  const arrivals = new Map<string, number[]>();
  for (const post of fake.responses.items) {
    const times = arrivals.get(post.id) ?? [];
    times.push(post.at);
    arrivals.set(post.id, times);
  }
  const acked = sent.filter((s) => s.status === 200 && !s.shed);
  const ackLatencies = acked.map((s) => (s.ackAt ?? 0) - s.dueAt);
  const shedLatencies = sent.filter((s) => s.shed).map((s) => (s.ackAt ?? 0) - s.dueAt);
  const answerDelays: number[] = [];
  const lost: string[] = [];
  let twice = 0;
  for (const s of acked) {
    const times = arrivals.get(responseId(s.index));
    if (!times) {
      lost.push(responseId(s.index));
      continue;
    }
    if (times.length > 1) twice += 1;
    answerDelays.push(Math.max(0, Math.min(...times) - (s.ackAt ?? 0)));
  }
  ackLatencies.sort((a, b) => a - b);
  shedLatencies.sort((a, b) => a - b);
  answerDelays.sort((a, b) => a - b);
  return {
    sent: sent.length,
    acknowledged: acked.length,
    shed: sent.filter((s) => s.shed).length,
    refused: sent.filter((s) => !s.shed && s.status !== 200).length,
    answered: acked.length - lost.length,
    lost: lost.length,
    twice,
    ackP50Ms: round(percentile(ackLatencies, 50)),
    ackP99Ms: round(percentile(ackLatencies, 99)),
    ackMaxMs: round(ackLatencies.at(-1) ?? 0),
    clientLagP99Ms: round(
      percentile(
        sent.map((s) => s.sentAt - s.dueAt).sort((a, b) => a - b),
        99,
      ),
    ),
    shedP99Ms: round(percentile(shedLatencies, 99)),
    answerP50Ms: round(percentile(answerDelays, 50)),
    answerP99Ms: round(percentile(answerDelays, 99)),
    answerMaxMs: round(answerDelays.at(-1) ?? 0),
    lostIds: lost.slice(0, 20),
  };
}

/** Resolves once every acknowledged command of `sent` is answered, or after `timeoutMs`. */
export async function waitForAnswers(
  sent: readonly Sent[],
  fake: FakeSlack,
  timeoutMs: number,
): Promise<void> {
  const wanted = new Set(sent.filter((s) => s.status === 200 && !s.shed).map((s) => responseId(s.index)));
  const deadline = performance.now() + timeoutMs;
  const missing = () => {
    const seen = new Set(fake.responses.items.map((r) => r.id));
    return [...wanted].filter((id) => !seen.has(id)).length;
  };
  while (missing() > 0 && performance.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}

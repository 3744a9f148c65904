import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { renderReply } from '../../adapters/slack/render-blocks.js';
import { createBot } from '../../src/bot/bot.js';
import { withExchangeLog } from '../../src/bot/logged-bot.js';
import type { Bot } from '../../src/bot/port.js';
import { createExchangeStore } from '../../src/exchange-log/store.js';
import type { LogTarget } from '../../src/exchange-log/target.js';
import { createExchangeWriter } from '../../src/exchange-log/writer.js';
import { loadPacks } from '../../src/knowledge/load-packs.js';
import { createLogger } from '../../src/log.js';
import { loadEvalSet } from './eval-set.js';

/**
 * The exchange log's own CPU per question, in one process: the same questions answered and
 * rendered as the Slack adapter renders an `/ask` reply, by the core alone and by the core with
 * the log (its batched writes included), in alternating blocks. CPU time of one process doing
 * the same work is far steadier than a load test's throughput on a busy machine.
 */
export async function logCostInProcess(target: LogTarget, rounds = 5, perRound = 2000) {
  const packs = loadPacks('knowledge');
  // The questions `npm run load` sends.
  const questions = loadEvalSet('tests/eval/stories/us-russia-prisoner-exchange/test.yaml').map((i) => i.q);
  const plain = createBot(packs);
  const writer = createExchangeWriter({
    store: createExchangeStore(target),
    logger: createLogger('silent'),
    retentionDays: 30,
  });
  await writer.start();
  const logged = withExchangeLog(plain, writer, { logQuestions: true });
  const block = async (bot: Bot, round: number) => {
    const started = process.cpuUsage();
    for (let i = 0; i < perRound; i++) {
      const reply = await bot.ask({
        text: questions[i % questions.length] ?? 'help',
        user: `U${(round * perRound + i) % 500}`,
        conversation: `c${round}-${i}`,
        platform: 'slack',
      });
      JSON.stringify(renderReply(reply, { shareable: reply.kind === 'answer', feedback: 'buttons' }));
    }
    if (bot === logged) await writer.flush();
    const used = process.cpuUsage(started);
    return (used.user + used.system) / perRound;
  };
  await block(plain, -1);
  await block(logged, -1);
  const off: number[] = [];
  const on: number[] = [];
  for (let round = 0; round < rounds; round++) {
    off.push(await block(plain, round));
    on.push(await block(logged, round));
  }
  await writer.stop();
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
  return { offMicros: median(off), onMicros: median(on), extraMicros: median(on) - median(off) };
}

/** A temporary SQLite file for {@link logCostInProcess}, and its removal. */
export function temporarySqlite(): { target: LogTarget; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), 'factdesk-log-cost-'));
  return {
    target: { kind: 'sqlite', file: join(dir, 'factdesk.db') },
    remove: () => rmSync(dir, { recursive: true, force: true }),
  };
}

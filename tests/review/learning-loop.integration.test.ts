import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { startChildApp } from '../../scripts/lib/child-app.js';
import { withQuestion } from '../../scripts/lib/review/add-question.js';
import { loadDeclinedQuestions } from '../../scripts/lib/review/measure-loop.js';
import type { Report } from '../../scripts/lib/review/report.js';
import { createBot } from '../../src/bot/bot.js';
import { cardKey } from '../../src/knowledge/card-key.js';
import { loadVersionedPacks } from '../../src/knowledge/load-packs.js';
import { parsePack } from '../../src/knowledge/parse-pack.js';
import { readRows } from '../exchange-log/support/targets.js';
import { track } from '../support/children.js';

/**
 * The learning loop through the real processes: a question the bundled pack declines is asked in
 * the console chat (`npm start` with no token), the reader picks the right card from the
 * suggestions, `npm run review -- --json` proposes the question for that card, `--add` accepts
 * it, the running bot reloads the pack by itself, and the question and a close paraphrase are
 * answered with the card.
 */
const run = promisify(execFile);
const work = mkdtempSync(join(tmpdir(), 'factdesk-loop-e2e-'));
const knowledge = join(work, 'knowledge');
const data = join(work, 'data');
cpSync('knowledge', knowledge, { recursive: true });
afterAll(() => rmSync(work, { recursive: true, force: true }));

const env = { KNOWLEDGE_DIR: knowledge, DATA_DIR: data, PATH: process.env.PATH ?? '' };
const review = (...args: string[]) => {
  const running = run(process.execPath, ['--import', 'tsx', 'scripts/review.ts', ...args], {
    env,
    encoding: 'utf8',
  });
  track(running.child);
  return running;
};

/**
 * A fixture question the pack declines while offering its card, whose paraphrase the card answers
 * once the question is one of its examples: chosen by the same code the loop runs, in memory.
 */
function chooseQuestion() {
  const versioned = loadVersionedPacks(knowledge);
  const packs = versioned.map((v) => v.pack);
  const bot = createBot(packs);
  const ask = (b: typeof bot, text: string) =>
    b.ask({ text, user: 'u', conversation: text, platform: 'console' });
  return (async () => {
    for (const item of loadDeclinedQuestions('tests/fixtures/declined-questions.yaml')) {
      const reply = await ask(bot, item.q);
      if (reply.kind !== 'no-match' || !reply.suggestions.some((s) => cardKey(s.pack, s.card) === item.card))
        continue;
      const [packId, cardId] = item.card.split('/');
      const v = versioned.find((p) => p.pack.id === packId);
      const index = v?.pack.cards.findIndex((c) => c.id === cardId) ?? -1;
      if (!v || index < 0) continue;
      const edited = parsePack({
        file: v.file,
        text: withQuestion(readFileSync(v.file, 'utf8'), index, item.q),
        readSource: () => ({ path: v.pack.source.path, text: v.pack.source.text }),
      });
      const after = createBot(packs.map((p) => (p.id === packId ? edited : p)));
      const paraphrased = await ask(after, item.paraphrase);
      const card = v.pack.cards[index];
      if (
        paraphrased.kind === 'answer' &&
        cardKey(paraphrased.card.pack, paraphrased.card.card) === item.card &&
        card
      ) {
        return { ...item, pack: v.pack.id, cardId: card.id, title: card.title, answer: card.answer };
      }
    }
    throw new Error(
      'no fixture question is declined with its card offered and learnable: see tests/fixtures',
    );
  })();
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

describe('the learning loop, end to end', () => {
  it('a declined question, picked, proposed, accepted and reloaded, is answered, and so is its paraphrase', async () => {
    const chosen = await chooseQuestion();
    const app = startChildApp({ ...env, LOG_LEVEL: 'info', KNOWLEDGE_WATCH: 'true' });
    track(app.child);
    try {
      await app.waitForLog((e) => e.msg === 'started', 60_000);
      const say = (line: string) => app.child.stdin?.write(`${line}\n`);
      const answers = () => app.output.filter((l) => l.includes(chosen.answer.slice(0, 30))).length;

      // The suggestions are numbered; the reader types the number shown with the right card's title.
      const from = app.output.length;
      say(chosen.q);
      const titled = new RegExp(`^\\D*(\\d+)\\D.*${escapeRegExp(chosen.title)}`);
      const numbered = () =>
        app.output
          .slice(from)
          .map((line) => titled.exec(line)?.[1])
          .find((n) => n !== undefined);
      await expect.poll(numbered, { timeout: 30_000 }).toBeDefined();
      const number = Number(numbered());
      say(String(number));
      await expect.poll(answers, { timeout: 30_000 }).toBe(1);

      // The pick reaches the log within the writer's flush interval.
      await expect
        .poll(
          async () =>
            (await readRows({ kind: 'sqlite', file: join(data, 'factdesk.db') })).exchanges.some(
              (e) => e.via === 'card',
            ),
          {
            timeout: 30_000,
            interval: 250,
          },
        )
        .toBe(true);
      const json = JSON.parse((await review('--json')).stdout) as Report;
      expect(json.proposals).toContainEqual({
        pack: chosen.pack,
        card: chosen.cardId,
        question: chosen.q,
        evidence: { count: 1, declinedThenPicked: 1, runnerUpPicked: 0, lowMarginDown: 0 },
      });

      const added = await review('--add', chosen.q, '--to', chosen.card);
      expect(added.stdout).toContain(`Added "${chosen.q}" to ${chosen.card}`);
      await app.waitForLog((e) => e.msg === 'knowledge reloaded', 30_000);

      say(chosen.q);
      say(chosen.paraphrase);
      await expect.poll(answers, { timeout: 30_000 }).toBe(3);
      // Once accepted, the question is no longer proposed.
      expect((JSON.parse((await review('--json')).stdout) as Report).proposals).toEqual([]);
      app.child.stdin?.end();
      expect(await app.exited).toBe(0);
      const { exchanges } = await readRows({ kind: 'sqlite', file: join(data, 'factdesk.db') });
      expect(exchanges.slice(-2).map((e) => [e.question, e.card])).toEqual([
        [chosen.q, chosen.cardId],
        [chosen.paraphrase, chosen.cardId],
      ]);
    } finally {
      await app.stop('SIGKILL', 1000);
    }
  }, 180_000);
});

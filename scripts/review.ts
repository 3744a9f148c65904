/**
 * The learning loop's command line (`npm run review`): what people asked and how it went, for a
 * period of the exchange log, and accepting a proposed question into a card.
 */
import { existsSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { readConfig } from '../src/config.js';
import { FactdeskError } from '../src/errors.js';
import { createExchangeStore } from '../src/exchange-log/store.js';
import { describeTarget, logTarget } from '../src/exchange-log/target.js';
import { loadPacks } from '../src/knowledge/load-packs.js';
import { loadDotEnv } from '../src/runtime/entry.js';
import { createExplainer } from '../src/tooling/explainer.js';
import { addQuestion } from './lib/review/add-question.js';
import { formatReport } from './lib/review/format.js';
import { parsePeriod } from './lib/review/period.js';
import { type ReviewLog, readLog } from './lib/review/read-log.js';
import { buildReport } from './lib/review/report.js';

const USAGE = `usage: npm run review -- [--since <YYYY-MM-DD|Nd>] [--until <YYYY-MM-DD|Nd>] [--limit N] [--json]
       npm run review -- --add "<question>" --to <pack>/<card>`;

const HELP = `${USAGE}

Reads the exchange log (PostgreSQL when DATABASE_URL is set, else DATA_DIR/factdesk.db) against
the knowledge in KNOWLEDGE_DIR, and lists for the period (default: the last 30 days):
the most frequent unanswered questions, near-duplicates grouped, with the cards that came closest;
proposed alternate questions per card with their evidence (declined then picked, runner-up
picked, a close answer that got a thumbs-down); answers that got a thumbs-down, with reasons;
answers and votes per card, and the cards never used.

  --since, --until  the period: a date (UTC) or a number of days back (7d); --until is exclusive
  --limit N         at most N entries per list (default 50)
  --json            one JSON object: {"unanswered","proposals","feedback","cards"}
  --add, --to       add the question to the card's example questions in its pack.yaml (comments
                    and layout kept); refused when the card does not exist, when another card
                    already answers the question with a margin, or when kb:check would fail
  --help            this text

Exit codes: 0 done, 1 refused or failed, 2 usage.`;

async function main(argv: string[]): Promise<number> {
  let values: ReturnType<typeof parse>['values'];
  try {
    ({ values } = parse(argv));
  } catch (error) {
    process.stderr.write(`review: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${HELP}\n`);
    return 0;
  }
  const usage = (message: string) => {
    process.stderr.write(`review: ${message}\n${USAGE}\n`);
    return 2;
  };
  loadDotEnv();
  const config = readConfig();

  if (values.add !== undefined || values.to !== undefined) {
    if (values.add === undefined || values.to === undefined) return usage('--add and --to go together');
    if (values.json || values.since || values.until || values.limit)
      return usage('--add takes no other options');
    const outcome = addQuestion({
      knowledgeDir: config.KNOWLEDGE_DIR,
      to: values.to,
      question: values.add,
      maxQuestionLength: config.MAX_QUESTION_LENGTH,
      today: new Date().toISOString().slice(0, 10),
    });
    (outcome.ok ? process.stdout : process.stderr).write(
      `${outcome.ok ? '' : 'review: refused: '}${outcome.message}\n`,
    );
    return outcome.ok ? 0 : 1;
  }

  const limit = values.limit === undefined ? 50 : Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1)
    return usage(`--limit "${values.limit}" is not a positive whole number`);
  const period = parsePeriod(values.since, values.until, Date.now());
  if (typeof period === 'string') return usage(period);

  const packs = loadPacks(config.KNOWLEDGE_DIR);
  const target = logTarget(config);
  let log: ReviewLog = { exchanges: [], votes: [] };
  let heading = `Exchange log: ${describeTarget(target)}`;
  if (target.kind === 'sqlite' && !existsSync(target.file)) {
    heading += ' (not there yet: it is made when the bot first starts)';
  } else {
    const store = createExchangeStore(target, { readonly: true });
    try {
      await store.open();
      log = await readLog(store, period);
    } finally {
      await store.close();
    }
  }
  const { report, details } = buildReport(log, packs, createExplainer(packs), { limit });
  if (values.json) process.stdout.write(`${JSON.stringify(report)}\n`);
  else {
    const span = `${period.from.toISOString().slice(0, 16)}Z to ${period.to.toISOString().slice(0, 16)}Z`;
    process.stdout.write(formatReport(report, details, `${heading}, ${span}`));
  }
  return 0;
}

function parse(argv: string[]) {
  return parseArgs({
    args: argv,
    strict: true,
    allowPositionals: false,
    options: {
      since: { type: 'string' },
      until: { type: 'string' },
      limit: { type: 'string' },
      json: { type: 'boolean' },
      add: { type: 'string' },
      to: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(
      `review: ${error instanceof FactdeskError || error instanceof Error ? error.message : String(error)}\n`,
    );
    process.exit(1);
  },
);

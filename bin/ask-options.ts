import { UsageError } from '../src/errors.js';
import { type CommandLine, defineCli } from '../src/runtime/cli.js';

/** `npm run ask`'s command line (`bin/ask.ts`); here, apart, so that tests read it in-process. */
export const askCli = defineCli({
  name: 'ask',
  usage: [
    'npm run ask -- [--json | --explain] "question"',
    'npm run --silent ask -- [--json | --explain] --stdin [--one-conversation] < questions.txt',
  ],
  summary: 'Answers questions from the command line, from the same knowledge and settings as npm start.',
  options: {
    json: {
      type: 'boolean',
      help: 'one JSON object per answer: {"question","matched","card","confidence","answer","suggestions"}',
    },
    stdin: {
      type: 'boolean',
      help: 'one question per input line, blank lines too; exactly one answer per line, in order',
    },
    'one-conversation': {
      type: 'boolean',
      help: 'with --stdin: the lines are one conversation (follow-ups, numbered picks); by default each line is its own',
    },
    explain: {
      type: 'boolean',
      help: 'why: the terms read, the evidence, the top candidates, and the decision with its threshold',
    },
  },
  positionals: true,
  notes: [
    'Reads .env like npm start; KNOWLEDGE_DIR chooses the packs (default knowledge/).',
    'With --one-conversation a line that is a number picks that choice of the reply before it.',
  ],
});

export type AskCommandLine = CommandLine<typeof askCli.options>;

/** The command line checked: the options that go together, and the question when one is given. */
export function askRequest({ values, positionals }: AskCommandLine): {
  values: AskCommandLine['values'];
  question: string;
} {
  const question = positionals.join(' ');
  if (values.json && values.explain) throw new UsageError('--json and --explain do not go together');
  if (values['one-conversation'] && !values.stdin)
    throw new UsageError('--one-conversation goes with --stdin');
  if (values.stdin && question) throw new UsageError('give a question or --stdin, not both');
  if (!values.stdin && !question.trim()) throw new UsageError('no question given');
  return { values, question };
}

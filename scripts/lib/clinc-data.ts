/**
 * Loader for the CLINC150 intent benchmark ("Full" variant, `data_full.json`).
 *
 * Data: Larson et al., "An Evaluation Dataset for Intent Classification and Out-of-Scope
 * Prediction", EMNLP-IJCNLP 2019, from the `clinc/oos-eval` repository. Licensed under
 * Creative Commons Attribution 3.0 Unported (CC BY 3.0). The data is not part of this
 * repository; it is read from `shared/datasets/clinc150/` beside it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { z } from 'zod';
import type { MatchDoc } from '../../src/matcher/build-index.js';

/** The label CLINC150 gives out-of-scope queries. */
export const OOS = 'oos';

/** Where the data sits when this repository is cloned next to `shared/`. */
export const DEFAULT_CLINC_PATH = '../shared/datasets/clinc150/data_full.json';

const pair = z.tuple([z.string(), z.string().min(1)]);
const schema = z.object({
  train: z.array(pair),
  val: z.array(pair),
  test: z.array(pair),
  oos_train: z.array(pair),
  oos_val: z.array(pair),
  oos_test: z.array(pair),
});

export interface LabelledQuery {
  text: string;
  /** The intent, or {@link OOS}. */
  intent: string;
}

export type ClincData = Record<keyof z.infer<typeof schema>, LabelledQuery[]>;

/**
 * The data file to read: an explicit path (a `--data` flag), else `CLINC_DATA`, else the
 * default beside the repository. Relative paths resolve against the working directory, so
 * a clone anywhere with `shared/` beside it works.
 */
export function resolveClincPath(explicit?: string, env: NodeJS.ProcessEnv = process.env): string {
  return resolve(process.cwd(), explicit ?? env.CLINC_DATA ?? DEFAULT_CLINC_PATH);
}

export function clincDataExists(path: string): boolean {
  return existsSync(path);
}

export function loadClinc(path: string): ClincData {
  const parsed = schema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    throw new Error(`CLINC150: ${path} is not data_full.json: ${parsed.error.issues[0]?.message ?? ''}`);
  }
  const toQueries = (pairs: Array<[string, string]>) => pairs.map(([text, intent]) => ({ text, intent }));
  const d = parsed.data;
  return {
    train: toQueries(d.train),
    val: toQueries(d.val),
    test: toQueries(d.test),
    oos_train: toQueries(d.oos_train),
    oos_val: toQueries(d.oos_val),
    oos_test: toQueries(d.oos_test),
  };
}

/** One doc per intent, its training queries as examples: the shape a fact card has. */
export function intentDocs(train: readonly LabelledQuery[]): MatchDoc[] {
  const byIntent = new Map<string, string[]>();
  for (const { text, intent } of train) {
    if (intent === OOS) continue;
    const list = byIntent.get(intent) ?? [];
    list.push(text);
    byIntent.set(intent, list);
  }
  return [...byIntent].map(([id, examples]) => ({ id, examples }));
}

/** Every `step`-th item, starting with the first: a fixed, deterministic sample. */
export function everyNth<T>(items: readonly T[], step: number): T[] {
  return items.filter((_, i) => i % step === 0);
}

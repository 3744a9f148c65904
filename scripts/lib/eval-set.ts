import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

/** One labelled question: `expect` lists acceptable card ids, or `none` when the bot must abstain. */
const itemSchema = z.strictObject({
  q: z.string().min(1),
  expect: z.union([z.literal('none'), z.array(z.string().min(1)).min(1)]),
  tags: z.array(z.string()).default([]),
});
export type EvalItem = z.infer<typeof itemSchema>;

export function loadEvalSet(file: string): EvalItem[] {
  return z.array(itemSchema).parse(parse(readFileSync(file, 'utf8')));
}

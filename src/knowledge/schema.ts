import { z } from 'zod';

/**
 * The shape of a knowledge pack file (`knowledge/<pack>/pack.yaml`). Objects are strict so a
 * misspelt field is reported instead of silently ignored.
 */

const text = z.string().trim().min(1);
const isoDate = z.union([
  z.date().transform((d) => d.toISOString().slice(0, 10)),
  z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD'),
]);

export const subjectSchema = z.strictObject({
  id: text,
  name: text,
  aliases: z.array(text).default([]),
  /** The story itself (the swap, the event), not one person in it. */
  general: z.boolean().default(false),
});

export const cardSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lower-case letters, digits and dashes'),
  title: text.max(80),
  subject: text.optional(),
  answer: text,
  questions: z.array(text).min(1),
  aliases: z.array(text).default([]),
  source: z.array(text).min(1),
  related: z.array(text).default([]),
  verified: isoDate.optional(),
  review_by: isoDate.optional(),
});

export const packSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, 'ids are lower-case letters, digits and dashes'),
  title: text,
  source: z.strictObject({ file: text, title: text, url: z.url().optional() }),
  synonyms: z.array(z.array(text).min(2)).default([]),
  subjects: z.array(subjectSchema).default([]),
  cards: z.array(cardSchema).min(1),
});

export type PackFile = z.infer<typeof packSchema>;
export type CardFile = z.infer<typeof cardSchema>;

import { load, YAMLException } from 'js-yaml';
import type { z } from 'zod';
import { KnowledgeError, knowledgeMessages } from '../errors.js';
import { packSchema } from './schema.js';
import type { Card, Pack } from './types.js';
import { locate, type PathPart, type YamlLocator } from './yaml-locator.js';

/** What parsing needs from outside: the pack file's text and a way to read its source document. */
export interface PackInput {
  /** Path of the pack file, used in error messages. */
  file: string;
  text: string;
  /** Path of the source document named by the pack, relative to the pack file. */
  readSource: (relativePath: string) => { path: string; text: string } | undefined;
}

/**
 * Parses and validates one pack file. Fails fast with a {@link KnowledgeError} naming the file,
 * the line and the field, so an operator can fix a card without guessing.
 */
export function parsePack(input: PackInput): Pack {
  let located: YamlLocator | undefined;
  const where = () => {
    located ??= locate(input.text);
    return located;
  };
  const fail = (path: PathPart[], reason: string, line?: number): never => {
    throw new KnowledgeError(
      { file: input.file, line: line ?? where().lineOf(path), field: fieldName(path) },
      reason,
    );
  };

  let data: unknown;
  try {
    data = load(input.text, { filename: input.file });
  } catch (error) {
    if (!(error instanceof YAMLException)) throw error;
    fail([], knowledgeMessages.yamlSyntax(error.reason), (error.mark?.line ?? 0) + 1);
  }

  const parsed = packSchema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0] as z.core.$ZodIssue;
    const path = issue.path.filter((p): p is PathPart => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      const key = issue.keys[0] ?? '';
      fail([...path, key], knowledgeMessages.unknownField(key), where().keyLine(path, key));
    }
    const missing = issue.code === 'invalid_type' && !where().has(path);
    fail(path, missing ? knowledgeMessages.missingField() : issue.message);
  }
  const file = parsed.data as z.infer<typeof packSchema>;

  const source = input.readSource(file.source.file);
  if (!source) fail(['source', 'file'], knowledgeMessages.sourceFileMissing(file.source.file));
  const sourceText = normaliseQuotes((source as { text: string }).text);

  const subjects = new Map(file.subjects.map((s) => [s.id, s]));
  const firstIndex = new Map<string, number>();
  file.cards.forEach((card, i) => {
    const seen = firstIndex.get(card.id);
    if (seen !== undefined) {
      fail(['cards', i, 'id'], knowledgeMessages.duplicateId(card.id, where().lineOf(['cards', seen])));
    }
    firstIndex.set(card.id, i);
  });
  file.cards.forEach((card, i) => {
    card.related.forEach((id, j) => {
      if (!firstIndex.has(id)) fail(['cards', i, 'related', j], knowledgeMessages.unknownRelated(id));
    });
    if (card.subject !== undefined && !subjects.has(card.subject)) {
      fail(['cards', i, 'subject'], knowledgeMessages.unknownSubject(card.subject));
    }
    card.source.forEach((sentence, j) => {
      if (!sourceText.includes(normaliseQuotes(sentence))) {
        fail(['cards', i, 'source', j], knowledgeMessages.sourceNotFound(file.source.file));
      }
    });
  });

  const cards: Card[] = file.cards.map((c) => {
    const subject = c.subject === undefined ? undefined : subjects.get(c.subject);
    return {
      id: c.id,
      pack: file.id,
      title: c.title,
      answer: c.answer,
      questions: c.questions,
      aliases: [...c.aliases, ...(subject ? [subject.name, ...subject.aliases] : [])],
      ...(c.subject === undefined ? {} : { subject: c.subject }),
      source: c.source,
      related: c.related,
      ...(c.verified === undefined ? {} : { verified: c.verified }),
      ...(c.review_by === undefined ? {} : { reviewBy: c.review_by }),
    };
  });

  return {
    id: file.id,
    title: file.title,
    source: {
      title: file.source.title,
      path: (source as { path: string }).path,
      text: (source as { text: string }).text,
      ...(file.source.url === undefined ? {} : { url: file.source.url }),
    },
    subjects: file.subjects,
    synonyms: file.synonyms,
    cards,
  };
}

// Authors paste sentences with straight quotes from editors that have no curly ones.
function normaliseQuotes(s: string): string {
  return s
    .replace(/[‘’‛′]/g, "'")
    .replace(/[“”„″]/g, '"')
    .replace(/\s+/g, ' ');
}

function fieldName(path: PathPart[]): string {
  if (path.length === 0) return '(file)';
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

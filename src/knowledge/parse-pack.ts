import { isMap, isSeq, LineCounter, type Node, parseDocument } from 'yaml';
import type { z } from 'zod';
import { KnowledgeError, knowledgeMessages } from '../errors.js';
import { packSchema } from './schema.js';
import type { Card, Pack } from './types.js';

type PathPart = string | number;

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
  const lineCounter = new LineCounter();
  const doc = parseDocument(input.text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const fail = (path: PathPart[], reason: string, offset?: number): never => {
    const at = offset ?? offsetOf(doc.contents as Node | null, path);
    throw new KnowledgeError(
      { file: input.file, line: lineCounter.linePos(at).line, field: fieldName(path) },
      reason,
    );
  };

  const syntax = doc.errors[0];
  if (syntax) fail([], knowledgeMessages.yamlSyntax(syntax.message.split('\n')[0] ?? ''), syntax.pos[0]);

  const parsed = packSchema.safeParse(doc.toJS());
  if (!parsed.success) {
    const issue = parsed.error.issues[0] as z.core.$ZodIssue;
    const path = issue.path.filter((p): p is PathPart => typeof p !== 'symbol');
    if (issue.code === 'unrecognized_keys') {
      const key = issue.keys[0] ?? '';
      fail(
        [...path, key],
        knowledgeMessages.unknownField(key),
        keyOffset(doc.contents as Node | null, path, key),
      );
    }
    const missing = issue.code === 'invalid_type' && nodeAt(doc.contents as Node | null, path) === undefined;
    fail(path, missing ? knowledgeMessages.missingField() : issue.message);
  }
  const file = parsed.data as z.infer<typeof packSchema>;

  const source = input.readSource(file.source.file);
  if (!source) fail(['source', 'file'], knowledgeMessages.sourceFileMissing(file.source.file));
  const sourceText = normaliseQuotes((source as { text: string }).text);

  const subjects = new Map(file.subjects.map((s) => [s.id, s]));
  const firstLine = new Map<string, number>();
  file.cards.forEach((card, i) => {
    const line = lineCounter.linePos(offsetOf(doc.contents as Node | null, ['cards', i])).line;
    const seen = firstLine.get(card.id);
    if (seen !== undefined) fail(['cards', i, 'id'], knowledgeMessages.duplicateId(card.id, seen));
    firstLine.set(card.id, line);
  });
  file.cards.forEach((card, i) => {
    card.related.forEach((id, j) => {
      if (!firstLine.has(id)) fail(['cards', i, 'related', j], knowledgeMessages.unknownRelated(id));
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

function nodeAt(root: Node | null, path: PathPart[]): Node | undefined {
  let node: unknown = root;
  for (const part of path) {
    if (isMap(node)) node = node.get(part, true);
    else if (isSeq(node) && typeof part === 'number') node = node.get(part, true);
    else return undefined;
    if (node === undefined || node === null) return undefined;
  }
  return (node ?? undefined) as Node | undefined;
}

/** Start offset of the deepest node that exists along `path`. */
function offsetOf(root: Node | null, path: PathPart[]): number {
  for (let depth = path.length; depth >= 0; depth--) {
    const node = nodeAt(root, path.slice(0, depth));
    if (node?.range) return node.range[0];
  }
  return 0;
}

function keyOffset(root: Node | null, path: PathPart[], key: string): number {
  const map = nodeAt(root, path);
  if (isMap(map)) {
    for (const pair of map.items) {
      const k = pair.key as Node | null;
      if (k && 'value' in k && k.value === key && k.range) return k.range[0];
    }
  }
  return offsetOf(root, path);
}

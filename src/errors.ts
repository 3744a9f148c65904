/**
 * Every error Factdesk raises on purpose, in one place, so that messages stay consistent
 * and tests can assert on them. Expected failures of a user's question are not errors:
 * they are replies (see `bot/reply.ts`).
 */

/** Where in a knowledge file a problem was found. Lines are 1-based. */
export interface SourceLocation {
  file: string;
  line: number;
  /** Dotted path of the offending field, e.g. `cards[3].answer`. */
  field: string;
}

export const ErrorCode = {
  KnowledgeInvalid: 'FACTDESK_KNOWLEDGE_INVALID',
  KnowledgeMissing: 'FACTDESK_KNOWLEDGE_MISSING',
  ConfigInvalid: 'FACTDESK_CONFIG_INVALID',
  Usage: 'FACTDESK_USAGE',
  PlatformUnreachable: 'FACTDESK_PLATFORM_UNREACHABLE',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class FactdeskError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'FactdeskError';
  }
}

/** A knowledge pack that cannot be loaded. The message names file, line and field. */
export class KnowledgeError extends FactdeskError {
  constructor(
    readonly location: SourceLocation,
    readonly reason: string,
  ) {
    super(ErrorCode.KnowledgeInvalid, `${location.file}:${location.line}: ${location.field}: ${reason}`);
    this.name = 'KnowledgeError';
  }
}

export class KnowledgeMissingError extends FactdeskError {
  constructor(readonly path: string) {
    super(ErrorCode.KnowledgeMissing, `no knowledge pack found in ${path} (expected <pack>/pack.yaml)`);
    this.name = 'KnowledgeMissingError';
  }
}

/** A setting that is missing or wrong. Never carries the setting's value: it may be a secret. */
export class ConfigError extends FactdeskError {
  constructor(
    readonly variable: string,
    readonly reason: string,
    /** Further wrong settings found in the same pass, so that one attempt shows them all. */
    readonly more: ReadonlyArray<{ variable: string; reason: string }> = [],
  ) {
    super(
      ErrorCode.ConfigInvalid,
      [{ variable, reason }, ...more].map((p) => `${p.variable}: ${p.reason}`).join('; '),
    );
    this.name = 'ConfigError';
  }
}

/** A platform's API did not answer at start-up within the wait allowed; the message says where and why. */
export class PlatformUnreachableError extends FactdeskError {
  constructor(
    readonly platform: string,
    readonly reason: string,
  ) {
    super(ErrorCode.PlatformUnreachable, `${platform}: ${reason}`);
    this.name = 'PlatformUnreachableError';
  }
}

/**
 * A command-line tool was called wrongly: an unknown option, a missing or malformed value. Tools
 * print it with their usage line and exit with code 2 (`src/runtime/cli.ts`).
 */
export class UsageError extends FactdeskError {
  constructor(message: string) {
    super(ErrorCode.Usage, message);
    this.name = 'UsageError';
  }
}

/**
 * A de-duplication set that cannot record one more id without forgetting one still within its
 * time to live. The request is refused (shed), never checked against a set that forgot.
 */
export class SeenSetFullError extends Error {
  constructor(readonly capacity: number) {
    super(`seen-set full: ${capacity} ids still within their time to live`);
    this.name = 'SeenSetFullError';
  }
}

/** Reasons a knowledge file is rejected; tests assert on these texts. */
export const knowledgeMessages = {
  yamlSyntax: (detail: string) => `YAML syntax error: ${detail}`,
  unknownField: (name: string) => `unknown field "${name}"`,
  missingField: () => 'required field is missing',
  duplicatePack: (id: string, firstFile: string) => `duplicate pack id "${id}" (also in ${firstFile})`,
  duplicateId: (id: string, firstLine: number) =>
    `duplicate card id "${id}" (first defined on line ${firstLine})`,
  unknownRelated: (id: string) => `related card "${id}" does not exist in this pack`,
  unknownSubject: (id: string) => `subject "${id}" is not defined under subjects`,
  sourceNotFound: (file: string) => `sentence not found verbatim in ${file}`,
  sourceFileMissing: (file: string) => `source file ${file} does not exist`,
  badDate: () => 'expected a date as YYYY-MM-DD',
} as const;

/** Why `npm run review -- --add` refuses a question; tests assert on these texts. */
export const reviewMessages = {
  badTarget: (target: string) =>
    `--to "${target}" is not <pack>/<card> (ids are lower-case letters, digits and dashes)`,
  noPack: (pack: string, packs: readonly string[]) =>
    `no pack "${pack}" in the knowledge (packs: ${packs.join(', ')})`,
  noCard: (pack: string, card: string, near: readonly string[]) =>
    `no card "${card}" in pack "${pack}"${near.length > 0 ? ` (did you mean ${near.map((n) => `"${n}"`).join(' or ')}?)` : ''}`,
  emptyQuestion: () => 'the question is empty',
  longQuestion: (max: number) => `the question is over ${max} characters`,
  wouldSteal: (question: string, other: string, confidence: number, lead: number, target: string) =>
    `"${question}" is already answered by ${other} (confidence ${confidence.toFixed(2)}, ${lead.toFixed(2)} ahead of ${target}); ` +
    `adding it to ${target} would take it from that card. If that answer is wrong for it, change ${other} first.`,
  stillElsewhere: (question: string, target: string, where: string) =>
    `even as an example question of ${target}, "${question}" would ${where}; the pack is left as it was`,
  breaksOthers: (target: string, problems: readonly string[]) =>
    `adding it to ${target} would break what kb:check checks:\n  ${problems.join('\n  ')}`,
} as const;

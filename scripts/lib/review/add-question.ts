import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { parseDocument, type Scalar, stringify, type YAMLSeq } from 'yaml';
import { guardInput } from '../../../src/bot/guard.js';
import { reviewMessages } from '../../../src/errors.js';
import { cardKey } from '../../../src/knowledge/card-key.js';
import { loadVersionedPacks } from '../../../src/knowledge/load-packs.js';
import { parsePack } from '../../../src/knowledge/parse-pack.js';
import type { Pack } from '../../../src/knowledge/types.js';
import { decide } from '../../../src/matcher/decide.js';
import { DEFAULT_MATCHER_OPTIONS } from '../../../src/matcher/defaults.js';
import { editDistance } from '../../../src/matcher/edit-distance.js';
import { normalize } from '../../../src/text/normalize.js';
import { createExplainer } from '../../../src/tooling/explainer.js';
import { checkPacks, MIN_MARGIN } from '../kb-check.js';

export type AddOutcome =
  | { ok: true; changed: boolean; file?: string; message: string }
  | { ok: false; message: string };

export interface AddRequest {
  knowledgeDir: string;
  /** `<pack>/<card>`. */
  to: string;
  question: string;
  maxQuestionLength: number;
  /** Today as YYYY-MM-DD, for kb:check's review dates. */
  today: string;
}

/**
 * Accepts a proposal: adds the question to a card's example questions in its `pack.yaml`. The
 * file is changed by one inserted line (or one item of a flow list), found with the `yaml`
 * package's Document API, so comments, quoting and folding everywhere else stay as written.
 * Refused, with the file untouched, when the card does not exist, when the question is already
 * answered by another card with a margin (it would be taken from it), or when the pack would no
 * longer pass kb:check. Written whole (a temporary file renamed over it), so a bot watching the
 * knowledge reloads the new pack, never half of it.
 */
export function addQuestion(request: AddRequest): AddOutcome {
  const target = /^([a-z0-9][a-z0-9-]*)\/([a-z0-9][a-z0-9-]*)$/.exec(request.to);
  if (!target?.[1] || !target[2]) return { ok: false, message: reviewMessages.badTarget(request.to) };
  const [packId, cardId] = [target[1], target[2]];
  const loaded = loadVersionedPacks(request.knowledgeDir);
  const found = loaded.find((v) => v.pack.id === packId);
  if (!found)
    return {
      ok: false,
      message: reviewMessages.noPack(
        packId,
        loaded.map((v) => v.pack.id),
      ),
    };
  const cardIndex = found.pack.cards.findIndex((c) => c.id === cardId);
  const card = found.pack.cards[cardIndex];
  if (!card) {
    const near = found.pack.cards
      .map((c) => c.id)
      .filter((id) => editDistance(id, cardId, 3) <= 3 || id.includes(cardId));
    return { ok: false, message: reviewMessages.noCard(packId, cardId, near.slice(0, 3)) };
  }
  const guarded = guardInput(request.question, request.maxQuestionLength);
  if (!guarded.ok) {
    return {
      ok: false,
      message:
        guarded.reason === 'empty'
          ? reviewMessages.emptyQuestion()
          : reviewMessages.longQuestion(request.maxQuestionLength),
    };
  }
  const question = guarded.text;
  const key = cardKey(packId, cardId);
  if (card.questions.some((q) => normalize(q) === normalize(question))) {
    return {
      ok: true,
      changed: false,
      message: `"${question}" is already an example question of ${key}; nothing to change.`,
    };
  }

  const packs = loaded.map((v) => v.pack);
  const before = createExplainer(packs);
  const now = before.explain(question);
  const answered = decide(now, DEFAULT_MATCHER_OPTIONS).answer;
  if (answered && answered.id !== key) {
    const targetConfidence = now.candidates.find((c) => c.id === key)?.confidence ?? 0;
    const lead = answered.confidence - targetConfidence;
    if (lead >= MIN_MARGIN) {
      return {
        ok: false,
        message: reviewMessages.wouldSteal(question, answered.id, answered.confidence, lead, key),
      };
    }
  }

  const file = resolve(found.file);
  const text = readFileSync(file, 'utf8');
  const edited = withQuestion(text, cardIndex, question);
  const pack = parsePack({
    file: found.file,
    text: edited,
    readSource: (rel) => {
      const path = resolve(dirname(file), rel);
      return existsSync(path)
        ? { path: relative(process.cwd(), path), text: readFileSync(path, 'utf8') }
        : undefined;
    },
  });
  // The one change must be the one intended, whatever the question's characters.
  const after = pack.cards[cardIndex]?.questions ?? [];
  if (after.length !== card.questions.length + 1 || after.at(-1) !== question) {
    throw new Error(`adding the question to ${found.file} did not read back as written`);
  }

  const nextPacks: Pack[] = packs.map((p) => (p.id === packId ? pack : p));
  const routed = createExplainer(nextPacks).explain(question).candidates;
  const margin = routed[0]?.id === key ? routed[0].confidence - (routed[1]?.confidence ?? 0) : -1;
  if (margin < MIN_MARGIN) {
    const where =
      routed[0]?.id === key
        ? `lead ${routed[1]?.id ?? 'nothing'} by only ${margin.toFixed(3)}`
        : `still go to ${routed[0]?.id ?? 'no card'}`;
    return { ok: false, message: reviewMessages.stillElsewhere(question, key, where) };
  }
  const known = new Set(checkPacks(packs, before, request.today).problems);
  const broken = checkPacks(nextPacks, createExplainer(nextPacks), request.today).problems.filter(
    (p) => !known.has(p),
  );
  if (broken.length > 0) return { ok: false, message: reviewMessages.breaksOthers(key, broken) };

  const temporary = `${file}.review-${process.pid}.tmp`;
  writeFileSync(temporary, edited);
  renameSync(temporary, file);
  return {
    ok: true,
    changed: true,
    file: found.file,
    message: `Added "${question}" to ${key} in ${found.file} (${after.length} example questions). A running bot with KNOWLEDGE_WATCH on picks it up by itself.`,
  };
}

/**
 * The pack text with `question` appended to the example questions of the card at `cardIndex`.
 * Only the position comes from the document: the new item is spliced into the text as written,
 * with the indentation of the item before it (or inside the brackets of a flow list).
 */
export function withQuestion(text: string, cardIndex: number, question: string): string {
  const doc = parseDocument(text);
  const seq = doc.getIn(['cards', cardIndex, 'questions'], true) as YAMLSeq<Scalar> | undefined;
  if (!seq?.range) throw new Error(`card ${cardIndex} has no questions list`);
  const last = seq.items.at(-1);
  if (seq.flow) {
    // A flow item must not be read as more items: always double-quoted (JSON strings are YAML).
    const item = JSON.stringify(question);
    if (!last?.range) {
      const open = text.indexOf('[', seq.range[0]);
      return `${text.slice(0, open + 1)}${item}${text.slice(open + 1)}`;
    }
    return `${text.slice(0, last.range[1])}, ${item}${text.slice(last.range[1])}`;
  }
  if (!last?.range) throw new Error(`card ${cardIndex} has an empty questions list`);
  const lineStart = text.lastIndexOf('\n', last.range[0]) + 1;
  const prefix = text.slice(lineStart, last.range[0]);
  const lineEnd = text.indexOf('\n', last.range[1]);
  const at = lineEnd < 0 ? text.length : lineEnd;
  const item = stringify(question, { lineWidth: 0 }).trimEnd();
  return `${text.slice(0, at)}\n${prefix}${item}${text.slice(at)}`;
}

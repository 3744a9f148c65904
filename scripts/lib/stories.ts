/**
 * The stories the matcher is measured on: `tests/eval/stories/<story-id>/`, each with its
 * question sets (`dev*.yaml` to tune on, `test.yaml` to report on) and, for a story not
 * bundled with the bot, its own `pack.yaml` and `source.txt`. A story folder without a pack is
 * the bundled story whose pack lives in `knowledge/`: it is run with that whole folder loaded,
 * as the bot runs today.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { ErrorCode, FactdeskError } from '../../src/errors.js';
import { loadPackFile, loadPacks, PACK_FILE } from '../../src/knowledge/load-packs.js';
import type { Pack } from '../../src/knowledge/types.js';
import { type EvalItem, loadEvalSet } from './eval-set.js';

export const STORIES_DIR = join('tests', 'eval', 'stories');
export const BUNDLED_KNOWLEDGE = 'knowledge';

export interface EvalSet {
  /** File name without `.yaml`: `dev`, `dev2`, `test`. */
  name: string;
  file: string;
  /** Tuning sets (`dev*`) may guide a choice; any other set is only reported. */
  tuning: boolean;
}

export interface Story {
  id: string;
  dir: string;
  /** True when the pack is the bundled one in `knowledge/`. */
  bundled: boolean;
  sets: EvalSet[];
}

export function findStories(root = STORIES_DIR): Story[] {
  return readdirSync(root, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()
    .map((id) => {
      const dir = join(root, id);
      const sets = readdirSync(dir)
        .filter((f) => f.endsWith('.yaml') && f !== PACK_FILE)
        .sort()
        .map((f) => {
          const name = f.slice(0, -'.yaml'.length);
          return { name, file: join(dir, f), tuning: name.startsWith('dev') };
        });
      return { id, dir, bundled: !existsSync(join(dir, PACK_FILE)), sets };
    });
}

/**
 * The packs a story is run with: its own pack alone, as a `KNOWLEDGE_DIR` holding only that
 * pack would give; for the bundled story, everything in `knowledgeDir` (`knowledge/`, or the
 * tools' `KNOWLEDGE_DIR`).
 */
export function storyPacks(story: Story, knowledgeDir = BUNDLED_KNOWLEDGE): Pack[] {
  if (!story.bundled) return [loadPackFile(join(story.dir, PACK_FILE))];
  const packs = loadPacks(knowledgeDir);
  if (!packs.some((p) => p.id === story.id)) {
    throw new FactdeskError(
      ErrorCode.KnowledgeMissing,
      `${story.dir}: no ${PACK_FILE} here and no pack "${story.id}" in ${knowledgeDir}/`,
    );
  }
  return packs;
}

/** Every pack of every story, each once (the bundled folder loaded once). */
export function allStoryPacks(stories: readonly Story[]): Pack[] {
  const seen = new Map<string, Pack>();
  for (const story of stories) for (const p of storyPacks(story)) if (!seen.has(p.id)) seen.set(p.id, p);
  return [...seen.values()];
}

/** A pack on its first day: only the first `n` example questions of every card. */
export function withExamples(packs: readonly Pack[], n: number | undefined): Pack[] {
  if (n === undefined) return [...packs];
  return packs.map((p) => ({
    ...p,
    cards: p.cards.map((c) => ({ ...c, questions: c.questions.slice(0, n) })),
  }));
}

/**
 * A pack written in a hurry: besides few example questions, no aliases of its own on any card
 * (the subjects' names, which every card about them shares, stay).
 */
export function withoutCardAliases(packs: readonly Pack[]): Pack[] {
  return packs.map((p) => {
    const names = new Map(p.subjects.map((s) => [s.id, [s.name, ...s.aliases]]));
    return {
      ...p,
      cards: p.cards.map((c) => ({ ...c, aliases: (c.subject && names.get(c.subject)) || [] })),
    };
  });
}

export function loadSet(set: EvalSet): EvalItem[] {
  return loadEvalSet(set.file);
}

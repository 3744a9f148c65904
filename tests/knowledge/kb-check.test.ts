import { describe, expect, it } from 'vitest';
import { checkPacks, sentencesOf } from '../../scripts/lib/kb-check.js';

import type { Pack } from '../../src/knowledge/types.js';
import { createExplainer } from '../../src/tooling/explainer.js';

const base: Pack = {
  id: 'demo',
  title: 'Demo',
  source: {
    title: 'Demo source',
    path: 'demo/source.txt',
    text: 'Moreau keeps the lighthouse. The lighthouse is tall. It rains a lot.',
  },
  subjects: [],
  synonyms: [],
  cards: [
    {
      id: 'keeper',
      pack: 'demo',
      title: 'Who keeps the lighthouse',
      answer: 'Moreau keeps the lighthouse.',
      questions: ['Who keeps the lighthouse?', 'lighthouse keeper name'],
      aliases: ['Moreau'],
      source: ['Moreau keeps the lighthouse.'],
      related: [],
    },
    {
      id: 'height',
      pack: 'demo',
      title: 'How tall the lighthouse is',
      answer: 'The lighthouse is tall.',
      questions: ['How tall is the lighthouse?', 'lighthouse height', 'who keeps the lighthouse'],
      aliases: [],
      source: ['The lighthouse is tall.'],
      related: [],
      reviewBy: '2020-01-01',
    },
  ],
};

describe('sentencesOf', () => {
  it('splits at sentence ends, after quotes and question marks too, and folds white space', () => {
    expect(sentencesOf('He said “no.” Then he left.\n\nWhy?  Nobody   knows! ')).toEqual([
      'He said “no.”',
      'Then he left.',
      'Why?',
      'Nobody knows!',
    ]);
  });
});

describe('checkPacks', () => {
  const report = checkPacks([base], createExplainer([base]), '2026-01-01');

  it('reports a question that does not route to its card with a margin', () => {
    expect(report.routing.some((p) => p.includes('"who keeps the lighthouse"'))).toBe(true);
  });

  it('reports a source sentence no card supports', () => {
    expect(report.problems).toContain('demo: no card supports the sentence "It rains a lot."');
  });

  it('reports cards past their review date', () => {
    expect(report.problems).toContain('demo/height: past its review date 2020-01-01');
  });

  it('summarises coverage', () => {
    expect(report.coverage[0]).toMatch(
      /^demo: 2 cards, 5 example questions .* 2\/3 source sentences supported$/,
    );
  });
});

import { describe, expect, it } from 'vitest';
import { englishWordNet, parseSenseIndex } from '../../src/text/wordnet.js';

// index.sense lines, sorted by sense key as in WordNet: lemma%type:lexfile:id:: offset rank tags
const FIXTURE = [
  'big%3:00:01:: 01382086 1 10',
  'doc%1:18:00:: 10020890 1 2',
  'doctor%1:18:00:: 10020890 1 60',
  'doctor%1:18:02:: 10021288 3 0',
  'doctor%2:29:00:: 00079400 2 1',
  'kill%2:35:00:: 01323958 1 30',
  'law%1:14:00:: 08441203 1 20',
  'medico%1:18:00:: 10020890 2 0',
  'physician%1:18:00:: 10020890 1 12',
  'sawbones%1:18:00:: 10021288 1 0',
  'slay%2:35:00:: 01323958 1 3',
  'treat%2:29:00:: 00079400 1 5',
  'wide%3:00:00:: 02560548 1 5',
].join('\n');

describe('WordNet sense index', () => {
  const wn = parseSenseIndex(FIXTURE);

  it('finds the words sharing a synset with the most frequent senses of both', () => {
    // "medico" means a physician only in its second sense.
    expect(wn.synonyms('physician', 1).sort()).toEqual(['doc', 'doctor']);
    expect(wn.synonyms('physician', 2).sort()).toEqual(['doc', 'doctor', 'medico']);
    expect(wn.synonyms('doctor', 1).sort()).toEqual(['doc', 'physician']);
    // "to doctor" is "to treat" in doctor's second sense and treat's first.
    expect(wn.synonyms('doctor', 2).sort()).toEqual(['doc', 'medico', 'physician', 'treat']);
    expect(wn.synonyms('treat', 1)).toEqual([]);
    expect(wn.synonyms('doctor', 3).sort()).toEqual(['doc', 'medico', 'physician', 'sawbones', 'treat']);
  });

  it('reads inflected forms as the lemma WordNet lists', () => {
    expect(wn.lemmas('killed')).toEqual(['kill']);
    expect(wn.lemmas('slain')).toEqual([]);
    expect(wn.lemmas('doctors')).toEqual(['doctor']);
    expect(wn.lemmas('zebra')).toEqual([]);
  });

  it('strips an ending only from the parts of speech that take it, as morphy does', () => {
    expect(wn.lemmas('bigger')).toEqual(['big']);
    expect(wn.lemmas('widest')).toEqual(['wide']);
    // "-er" makes adjectives: "lawer" is no form of the noun "law", so no English word.
    expect(wn.lemmas('lawer')).toEqual([]);
    expect(wn.lemmas('laws')).toEqual(['law']);
    // "-ed" makes verbs: "lawed" is none either.
    expect(wn.lemmas('lawed')).toEqual([]);
  });

  it('GIVEN the real WordNet 3.1 THEN common synonyms are there and the load is shared', () => {
    const real = englishWordNet();
    expect(real).toBe(englishWordNet());
    expect(real.synonyms('physician', 1)).toContain('doctor');
    // "rely" is "count" (on) only in a rare sense of "count".
    expect(real.synonyms('rely', 2)).not.toContain('count');
    expect(real.lemmas('children')).toContain('child');
  });
});

import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/matcher/build-index.js';
import { classifierFeatures, trainDocClassifier } from '../../src/matcher/doc-classifier.js';
import { match } from '../../src/matcher/match.js';

const docs = [
  {
    id: 'name',
    examples: ['what is your name', 'what should i call you', 'do you have a name', 'your name?'],
  },
  { id: 'age', examples: ['how old are you', 'what is your age', 'when were you born', 'are you old'] },
  { id: 'weather', examples: ['what is the weather', 'is it raining', 'will it be sunny', 'weather today'] },
];
const texts = docs.flatMap((d, i) => d.examples.map((text) => ({ doc: i, text, terms: [] })));
const training = { epochs: 30, learningRate: 4, minCount: 1 };

describe('doc classifier', () => {
  it('GIVEN a question THEN the features keep function words, word pairs and character trigrams', () => {
    const features = classifierFeatures('How old are you?');
    expect(features).toEqual(expect.arrayContaining(['how', 'old', '^ how', 'how old', '#<ol', '#ld>']));
  });

  it('GIVEN docs told apart by function words THEN it learns which doc a question belongs to', () => {
    const model = trainDocClassifier(texts, docs.length, training);
    const best = (q: string) => {
      const p = model.probabilities(q);
      return docs[p.indexOf(Math.max(...p))]?.id;
    };
    expect(best('how old are you now')).toBe('age');
    expect(best('what do i call you')).toBe('name');
    expect(best('is it going to rain today')).toBe('weather');
  });

  it('GIVEN any question THEN the probabilities sum to 1, and training is deterministic', () => {
    const a = trainDocClassifier(texts, docs.length, training).probabilities('what is it');
    const b = trainDocClassifier(texts, docs.length, training).probabilities('what is it');
    expect(a.reduce((s, p) => s + p, 0)).toBeCloseTo(1, 9);
    expect([...a]).toEqual([...b]);
  });

  it('GIVEN many examples per doc THEN the classifier carries more of the confidence', () => {
    const options = { classifierMinExamplesPerDoc: 1 };
    const few = buildIndex(docs, { options });
    const many = buildIndex(
      docs.map((d) => ({ ...d, examples: [...d.examples, ...d.examples, ...d.examples] })),
      { options },
    );
    const off = buildIndex(docs, { options: { classifierHalfShareAt: Number.POSITIVE_INFINITY } });
    expect(few.classifierShare).toBeCloseTo(4 / 94, 9);
    expect(many.classifierShare).toBeGreaterThan(few.classifierShare);
    expect(off.classifier).toBeUndefined();
    expect(off.classifierShare).toBe(0);
  });

  it('GIVEN fewer examples per doc than the minimum THEN no classifier is trained', () => {
    expect(buildIndex(docs, { options: { classifierMinExamplesPerDoc: 5 } }).classifier).toBeUndefined();
    expect(buildIndex(docs, { options: { classifierMinExamplesPerDoc: 4 } }).classifier).toBeDefined();
  });

  it('GIVEN a question of stop words only THEN the matcher still ranks docs by the classifier', () => {
    const index = buildIndex(docs, { options: { classifierHalfShareAt: 1, classifierMinExamplesPerDoc: 1 } });
    expect(match(index, 'how old are you').candidates[0]?.id).toBe('age');
    const off = buildIndex(docs, { options: { classifierHalfShareAt: Number.POSITIVE_INFINITY } });
    expect(match(off, 'how are you').candidates).toEqual([]);
  });
});

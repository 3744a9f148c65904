import { CONTRACTIONS } from './english.js';

// Latin letters that are not a base letter plus an accent, so NFD leaves them whole ("Andøya",
// "Sigurðsson", "Łódź", "Straße"): spelled as English keyboards type them.
const LETTERS: Readonly<Record<string, string>> = Object.freeze({
  ø: 'o',
  æ: 'ae',
  œ: 'oe',
  ß: 'ss',
  ł: 'l',
  đ: 'd',
  ð: 'd',
  þ: 'th',
  ı: 'i',
  ħ: 'h',
  ŧ: 't',
  ŋ: 'ng',
});
const LETTER_PATTERN = new RegExp(`[${Object.keys(LETTERS).join('')}]`, 'g');

// Acronyms that collide with a stop word once lower-cased ("US" vs "us"), mapped before case is lost.
const CASED_ACRONYMS: ReadonlyArray<[RegExp, string]> = [
  [/\bU\.?S\.?A?\b(?!\w)/g, ' usa '],
  [/\bU\.?K\.?\b(?!\w)/g, ' uk '],
];

/**
 * Folds text to a comparable form: lower case, no accents, straight apostrophes, contractions
 * expanded, possessives dropped, punctuation turned into spaces, single spaces. Pure and total:
 * any string in, a string of `[a-z0-9 ]` out.
 */
export function normalize(input: string): string {
  let s = input.normalize('NFKC');
  for (const [pattern, replacement] of CASED_ACRONYMS) s = s.replace(pattern, replacement);
  s = s
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(LETTER_PATTERN, (letter) => LETTERS[letter] ?? letter)
    .replace(/[‘’‛′`´]/g, "'");
  s = s.replace(/\b([a-z]+)'([a-z]+)\b/g, (whole, stem: string, tail: string) => {
    const expanded = CONTRACTIONS[`${stem}'${tail}`];
    if (expanded) return expanded;
    if (tail === 's') return stem; // possessive: "Okafor's" is about Okafor
    if (tail === 't' && stem.endsWith('n')) return `${stem.slice(0, -1)} not`;
    if (tail === 're') return `${stem} are`;
    if (tail === 've') return `${stem} have`;
    if (tail === 'll') return `${stem} will`;
    if (tail === 'd') return `${stem} would`;
    return whole.replace("'", '');
  });
  return s
    .replace(/(\d),(\d)/g, '$1$2')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim();
}

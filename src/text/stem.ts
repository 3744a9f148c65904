/**
 * A light English stemmer: plurals, -ed, -ing, -ly and a few derivational endings, enough to
 * meet "sentenced"/"sentence", "arrests"/"arrested", "spying"/"spy". Deliberately gentle: a
 * wrong merge costs more than a missed one, because fuzzy matching catches near misses.
 */
export function stem(word: string): string {
  if (word.length <= 3 || /\d/.test(word)) return word;
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (/(ches|shes|xes|zes)$/.test(w)) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is|ys)$/.test(w)) w = w.slice(0, -1);

  if (w.endsWith('ied') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('eed')) w = w.slice(0, -1);
  else if (/[a-z]{3,}ed$/.test(w)) w = undouble(w.slice(0, -2));
  else if (/[a-z]{3,}ing$/.test(w)) w = undouble(w.slice(0, -3));

  if (/[a-z]{4,}ly$/.test(w)) w = w.slice(0, -2);
  if (/[a-z]{4,}ment$/.test(w)) w = w.slice(0, -4);
  if (/[a-z]{4,}ation$/.test(w)) w = `${w.slice(0, -5)}ate`;
  // Both "sentenc(e)" and "sentenc(ed)" end up without the silent e.
  if (w.length > 4 && w.endsWith('e')) w = w.slice(0, -1);
  return w;
}

function undouble(w: string): string {
  if (/([b-df-hj-np-tv-z])\1$/.test(w) && !/(ll|ss|zz)$/.test(w)) return w.slice(0, -1);
  return w;
}

import { NUMBER_WORDS, type QuestionType, STOP_WORDS } from './english.js';

/**
 * The kinds of question an answer can answer, read from what it contains rather than from how
 * its example questions are worded: a card that says "on 11 February 2026" answers "when", one
 * that says "23 people" answers "how many", whether or not an example asks so. The rules are
 * English-wide: dates, clock times, numbers, money, durations, ages, names, places, causes.
 */
const MONTH_NAMES = 'january|february|march|april|may|june|july|august|september|october|november|december';
const WEEKDAY_NAMES = 'monday|tuesday|wednesday|thursday|friday|saturday|sunday';
// The last form leaves May out: after "next" or "by", "may" is as often the verb ("what comes
// next may …", "paid by may …").
const MONTHS_BUT_MAY = MONTH_NAMES.replace('|may', '');
const MONTH = new RegExp(
  `\\b(${MONTH_NAMES}|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\\b\\.?\\s*\\d` +
    `|\\b\\d{1,2}(st|nd|rd|th)?\\s+(of\\s+)?(${MONTH_NAMES})\\b` +
    `|\\b(in|since|until|by|from|of|early|late|mid|last|next)\\s+(${MONTHS_BUT_MAY})\\b`,
  'i',
);
const WEEKDAY = new RegExp(`\\b(${WEEKDAY_NAMES})s?\\b`, 'i');
const YEAR = /\b(1[6-9]\d\d|20\d\d)s?\b/;
const CLOCK =
  /\b\d{1,2}([:.]\d\d)?\s*(a\.?m\b\.?|p\.?m\b\.?)|\b\d{1,2}:\d\d\b|\bo'clock\b|\b(noon|midnight|dawn|dusk|overnight|half past|quarter (past|to))\b/i;
const RELATIVE_DAY =
  /\b(yesterday|today|tonight|tomorrow|this (morning|afternoon|evening|week|month|year)|last (night|week|month|year)|(a|one|two|three|\d+) (days?|weeks?|months?|years?|decades?) (ago|earlier|later|before|after))\b/i;

const NUMBER_WORD =
  /\b(two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|hundreds?|thousands?|millions?|billions?|dozens?|half|quarter|third|twice|double|triple|several|a few)\b/i;
const DIGIT = /\d/;
const MONEY =
  /[$€£¥₹]\s?\d|\b\d[\d,.]*\s*(k|m|bn|million|billion|thousand)?\s*(dollars?|euros?|pounds?|cents?|pence|yen|francs?|kronor|krona|rupees?|usd|eur|gbp)\b|\b(usd|eur|gbp)\s?\d/i;
const DURATION =
  /\b(\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|several|a few|many|some)[\s-]+(more\s+)?(seconds?|minutes?|hours?|days?|nights?|weeks?|fortnights?|months?|years?|decades?|centur(y|ies))\b|\bfor (life|good|ever)\b|\blife (sentence|term|imprisonment)\b|\b(until|till|through)\b/i;
const AGE =
  /\b\d+[\s-]+(year|month|week|day)s?[\s-]+old\b|\baged?\s+\d+|\b(born|birth)\b|\bage of\b|\b(in (his|her|their) (teens|twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))\b/i;
// "Ana Ruiz, 58, the union's president": a name, then an age between commas.
// Case-sensitive: under the i flag \p{Lu} would take any letter.
const NAME_AGE = /\p{Lu}[\p{L}'’-]+,\s*\d{1,3},/u;
const CAUSE =
  /\b(because|due to|owing to|caused|causes?|cause of|reasons?|as a result|result of|in order to|so that|so as to|led to|leading to|after|following|blamed|since|aimed at|to (avoid|prevent|protect|stop|ensure|allow|help|reduce|meet|keep|make))\b/i;
const FUTURE =
  /\b(will|would|plans?|planned|planning|expects?|expected|intends?|going to|scheduled|due to (be|open|close|start|resume|reopen)|next|later|upcoming|from (now|next)|by (the end of|\d{4}|next)|shall|aims? to|until)\b/i;
const PLACE_NOUN =
  /\b(city|town|village|capital|country|state|province|county|district|region|area|border|street|road|avenue|square|bridge|river|lake|valley|mountain|coast|island|harbou?r|port|airport|station|terminal|hospital|school|clinic|court|building|office|headquarters|site|north|south|east|west|northern|southern|eastern|western|kilometres?|kilometers?|miles?|km)\b/i;
// A preposition of place followed by a capitalised name: "in Lisbon", "near Oslo".
const PLACE_NAME =
  /\b(in|at|near|from|to|outside|inside|across|towards?|into|between|north of|south of|east of|west of)\s+(the\s+)?\p{Lu}[\p{L}'’-]+/u;
// A capitalised word that does not start a sentence: a name of someone or something.
const NAME_INSIDE = /(?<![.!?]\s*|^\s*|[“"]\s*)\b\p{Lu}[\p{Ll}'’-]+/u;

export function answerTypes(text: string): Set<QuestionType> {
  const types = new Set<QuestionType>();
  const when =
    MONTH.test(text) || WEEKDAY.test(text) || YEAR.test(text) || CLOCK.test(text) || RELATIVE_DAY.test(text);
  if (when) types.add('when');
  const number = DIGIT.test(text) || NUMBER_WORD.test(text);
  if (number) {
    types.add('howmany');
    // "How much" asks money or an amount: "how much water", "how much damage".
    types.add('howmuch');
  }
  if (MONEY.test(text)) types.add('howmuch');
  if (DURATION.test(text) || when) types.add('howlong');
  if (AGE.test(text) || NAME_AGE.test(text)) types.add('howold');
  if (NAME_INSIDE.test(text)) types.add('who');
  if (PLACE_NAME.test(text) || PLACE_NOUN.test(text)) types.add('where');
  if (CAUSE.test(text)) types.add('why');
  if (FUTURE.test(text)) types.add('future');
  return types;
}

// A run of capitalised words, maybe joined by "of", "the", "de" ("Bank of Ireland").
const CAPITALISED = /\b\p{Lu}[\p{L}\d'’.-]*(?:\s+(?:(?:of|the|de|du|la|for)\s+)*\p{Lu}[\p{L}\d'’-]*)*/gu;
const CALENDAR = new RegExp(`^(?:${MONTH_NAMES}|${WEEKDAY_NAMES})s?$`, 'i');

/**
 * How many names a text gives (distinct runs of capitalised words, less a function or number
 * word that starts a sentence, months and weekdays aside): a card answers "which three
 * schools …" only when it names them, not when it says "three schools".
 */
export function namesListed(text: string): number {
  const names = new Set<string>();
  for (const m of text.matchAll(CAPITALISED)) {
    const words = m[0]
      .replace(/[.’']+$/, '')
      .toLowerCase()
      .split(/\s+/);
    while (words.length > 0 && (STOP_WORDS.has(words[0] ?? '') || NUMBER_WORDS.has(words[0] ?? '')))
      words.shift();
    const name = words.join(' ');
    if (name && !CALENDAR.test(name)) names.add(name);
  }
  return names.size;
}

/**
 * Word lists the analyser uses. Data, not logic: extend them here, not in the matcher.
 */

export const CONTRACTIONS: Readonly<Record<string, string>> = Object.freeze({
  "won't": 'will not',
  "can't": 'can not',
  "shan't": 'shall not',
  "ain't": 'is not',
  "let's": 'let us',
  "what's": 'what is',
  "who's": 'who is',
  "where's": 'where is',
  "when's": 'when is',
  "how's": 'how is',
  "why's": 'why is',
  "that's": 'that is',
  "there's": 'there is',
  "it's": 'it is',
  "he's": 'he is',
  "she's": 'she is',
  "i'm": 'i am',
  "y'all": 'you all',
});

/**
 * Function words and the filler of chat questions ("could you tell me", "I was wondering"):
 * they carry no facts, so they neither help a card nor count as content the cards lack.
 */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `a about above actually after again against ago all also am an and any anybody anyone anything
  are around as at be because been before being below between both but by can could did do does
  doing done down during each either else even ever every few for from further get gets getting
  got had has have having he her here hers herself him himself his how i if in into is it its
  itself just kind let like may maybe me might mine more most much must my myself no nor not now
  of off on once only or other others our ours ourselves out over own perhaps please pretty quite
  rather really same shall she should so some something somebody someone sort still such than that
  the their theirs them themselves then there these they thing things this those though through
  thus to too under until up upon us very via was we were what whatever when where whether which
  while who whom whose why will with within without would yet you your yours yourself yourselves
  whats whos wheres whens hows whys thats theres dont didnt doesnt isnt wasnt werent cant wont
  im ive id hey hi hello ok okay yeah yes um uh hmm oh well anyway btw pls plz thanks thank cheers
  tell telling told know knew known wonder wondering wondered curious ask asking asked question
  questions quick quickly explain explaining say saying mean meaning think thought heard hear
  hearing read reading saw see seen seeing remember remind recall help understand sure
  need want wanted wants give giving go going gone bit lot lots little stuff info information
  detail details story article news report reported reports piece exactly basically
  again already yesterday today earlier recently lately somewhere somehow guys folks everyone
  anybody one ones person people someone thing happen happened happening`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Synonym groups used by every pack. The first word is canonical: every other word or phrase
 * of the group is read as it. Words are written plainly; the analyser stems them.
 */
export const SYNONYMS: ReadonlyArray<ReadonlyArray<string>> = Object.freeze([
  ['exchange', 'swap', 'swapped', 'trade', 'traded', 'deal', 'switch', 'handover', 'prisoner swap'],
  ['release', 'free', 'freed', 'freeing', 'let go', 'let out', 'set free', 'liberate', 'liberated'],
  [
    'imprison',
    'jail',
    'jailed',
    'prison',
    'detain',
    'detained',
    'detention',
    'locked up',
    'lock up',
    'behind bars',
    'incarcerate',
    'incarcerated',
    'custody',
  ],
  ['prisoner', 'detainee', 'inmate', 'hostage', 'captive'],
  [
    'sentence',
    'term',
    'prison term',
    'jail term',
    'sentenced',
    'punishment',
    'verdict',
    'convicted',
    'conviction',
  ],
  [
    'arrest',
    'arrested',
    'nab',
    'nabbed',
    'seize',
    'seized',
    'apprehend',
    'apprehended',
    'capture',
    'captured',
    'pick up',
    'picked up',
  ],
  ['spy', 'spying', 'espionage', 'spied', 'agent', 'operative', 'spook'],
  ['accuse', 'accused', 'accusation', 'allegation', 'alleged', 'charge', 'charged', 'blamed', 'suspected'],
  ['deny', 'denied', 'denial', 'reject', 'rejected', 'dispute', 'disputed', 'refute', 'refuted'],
  ['kill', 'killed', 'assassinate', 'assassinated', 'assassination', 'murder', 'murdered', 'slay', 'slain'],
  ['journalist', 'reporter', 'correspondent', 'newsman', 'newswoman', 'writer'],
  ['usa', 'united states', 'america', 'american', 'americans', 'states', 'washington', 'us government'],
  ['russia', 'russian', 'russians', 'moscow government', 'kremlin'],
  ['germany', 'german', 'germans'],
  ['poland', 'polish', 'pole', 'poles'],
  ['belarus', 'belarusian', 'belarusians', 'belarussian'],
  ['turkey', 'turkish', 'turkiye', 'türkiye'],
  ['ukraine', 'ukrainian'],
  ['praise', 'praised', 'hailed', 'lauded', 'compliment'],
  ['number', 'count', 'total', 'amount', 'many'],
  ['place', 'location', 'venue', 'site', 'took place', 'take place', 'city'],
  ['cooperation', 'cooperate', 'collaboration', 'collaborate', 'teamwork', 'working together'],
  ['tension', 'tense', 'strife', 'friction', 'hostility', 'rivalry'],
  ['politics', 'political', 'politician', 'election', 'elections', 'elected', 'parliament'],
  ['military', 'army', 'armed forces', 'defence', 'defense'],
  ['navy', 'naval', 'marine', 'marines'],
  [
    'significance',
    'significant',
    'important',
    'importance',
    'matter',
    'matters',
    'meaningful',
    'big deal',
    'notable',
  ],
]);

/** Words that mark the kind of answer a question wants, checked on the normalised text. */
export const QUESTION_TYPES = Object.freeze({
  howto: /\bhow (do|can|could|should|would) (i|we|one)\b/,
  future:
    /\bwill (there|they|he|she|it|the|russia|usa)\b|\bin the future\b|\bgoing to (happen|be)\b|\bnext (exchange|swap|trade|time)\b/,
  howmany: /\bhow (many|much people|big a number)\b|\bnumber of\b|\bcount\b/,
  howmuch: /\bhow much\b|\b(cost|price|paid|pay|money|ransom|dollars?)\b/,
  howold: /\bhow old\b|\b(age|born|birthday)\b/,
  howlong: /\bhow long\b|\bfor how long\b|\bduration\b/,
  when: /\bwhen\b|\bwhat (year|date|day|month|time)\b|\bwhich (year|date|day|month)\b/,
  where: /\bwhere\b|\bwhat (city|country|place|location)\b|\bwhich (city|country|place|location)\b/,
  why: /\bwhy\b|\bwhat for\b|\breason\b|\bhow come\b/,
  who: /\bwho\b|\bwhom\b|\bwhose\b/,
});
export type QuestionType = keyof typeof QUESTION_TYPES;

/** "which radio station does …": the words naming what a which/what question asks for. */
export const ASKED_FOR =
  /\b(?:which|what)\s+((?:[a-z0-9]+\s+){1,3}?)(?:is|was|are|were|did|does|do|has|had|have|can|could|will|would|should)\b/;

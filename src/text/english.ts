/**
 * What the analyser knows of English, whatever the story: contractions, function words and chat
 * filler, irregular forms, number words, the wording of question types. Nothing here may be a
 * word of one story or one domain: those belong to a pack's `synonyms`, subjects and aliases.
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
  questions quick quickly explain explaining mean meaning think thought heard hear
  hearing read reading saw see seen seeing remember remind recall help understand sure
  need want wanted wants give giving go going gone bit lot lots little stuff info information
  detail details story article news report reported reports piece exactly basically
  again already yesterday today earlier recently lately somewhere somehow guys folks everyone
  anybody one ones person people someone thing happen happened happening
  tells asks explains knows thinks means meant hears gave given gotten went goes
  honestly frankly seriously literally totally definitely apparently obviously clearly surely
  certainly personally simply essentially anyways anyhow however whoever whenever wherever
  regarding concerning according
  guy dude fella bloke mr mrs ms mister ppl gimme lemme dunno kinda sorta gonna wanna gotta tho
  cuz coz cos kindly u ur r ya thx tbh imo idk fyi afaik til till abt wud cud shud
  alright sorry lol haha omg wow ah hm umm uhm erm`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Word forms the stemmer cannot reach, read as their base word: irregular verbs (past tense and
 * participle) and plurals. A closed list of English, not of any story. Forms that are also
 * common words of another meaning ("left", "found", "saw", "lay") are left out: reading "left
 * Moscow" as "leave" is right, reading "the left wing" as it is not, and the cost of the second
 * is a wrong card.
 */
export const IRREGULAR_FORMS: ReadonlyMap<string, string> = pairs(`
    arisen:arise arose:arise awoke:awake awoken:awake beaten:beat became:become began:begin begun:begin
    bent:bend bitten:bite bled:bleed blew:blow blown:blow broke:break broken:break bred:breed
    brought:bring built:build burnt:burn bought:buy caught:catch chose:choose chosen:choose clung:cling
    came:come crept:creep dealt:deal dug:dig drew:draw drawn:draw dreamt:dream drank:drink drunk:drink
    drove:drive driven:drive ate:eat eaten:eat fed:feed felt:feel fought:fight fled:flee flew:fly
    flown:fly forbade:forbid forbidden:forbid forgot:forget forgotten:forget forgave:forgive
    forgiven:forgive froze:freeze frozen:freeze grew:grow grown:grow hung:hang hid:hide hidden:hide
    held:hold kept:keep knelt:kneel laid:lay led:lead leapt:leap lent:lend lit:light lost:lose made:make
    meant:mean met:meet paid:pay rode:ride ridden:ride rang:ring rung:ring rose:rise risen:rise ran:run
    sought:seek sold:sell sent:send shook:shake shaken:shake shone:shine shot:shoot shown:show
    shrank:shrink sang:sing sung:sing sank:sink sunk:sink slept:sleep slid:slide spoke:speak
    spoken:speak sped:speed spent:spend spun:spin spat:spit sprang:spring sprung:spring stood:stand
    stole:steal stolen:steal stuck:stick stung:sting stank:stink struck:strike stricken:strike
    strove:strive swore:swear sworn:swear swept:sweep swam:swim swum:swim swung:swing taken:take
    took:take taught:teach tore:tear torn:tear threw:throw thrown:throw understood:understand
    undertook:undertake undertaken:undertake woke:wake woken:wake wore:wear worn:wear wove:weave
    woven:weave wept:weep won:win withdrew:withdraw withdrawn:withdraw wrote:write written:write
    fell:fall fallen:fall overtook:overtake overtaken:overtake overcame:overcome oversaw:oversee
    overseen:oversee children:child men:man women:woman people:person feet:foot teeth:tooth mice:mouse
    geese:goose wives:wife knives:knife halves:half thieves:thief wolves:wolf shelves:shelf
    criteria:criterion phenomena:phenomenon analyses:analysis crises:crisis theses:thesis
    diagnoses:diagnosis
`);

/**
 * Abbreviations typed in chat and in names, read as the word ("Lizard Pt" meets "Lizard Point",
 * "3 hrs" meets "three hours"). Only those with one common reading: "St" (street or saint) and
 * "min" (minute or minimum) are left out.
 */
export const ABBREVIATIONS: ReadonlyMap<string, string> = pairs(`
    pt:point mt:mount ft:fort supt:superintendent det:detective insp:inspector sgt:sergeant
    lt:lieutenant capt:captain prof:professor dr:doctor gov:governor govt:government
    dept:department univ:university intl:international natl:national assn:association
    corp:corporation ave:avenue rd:road hq:headquarters approx:approximately yr:year yrs:years
    mins:minutes hr:hour hrs:hours wk:week wks:weeks mth:month mths:months pct:percent
    nite:night nites:nights tonite:tonight thru:through tmrw:tomorrow yday:yesterday
`);

/**
 * Numbers written as words, read as digits so "sixteen years" meets "16 years". "One" is a stop
 * word ("which one"); compounds ("twenty-four", "twenty four") are read as one number.
 */
export const NUMBER_WORDS: ReadonlyMap<string, number> = pairs(
  `
    zero:0 two:2 three:3 four:4 five:5 six:6 seven:7 eight:8 nine:9 ten:10 eleven:11 twelve:12
    thirteen:13 fourteen:14 fifteen:15 sixteen:16 seventeen:17 eighteen:18 nineteen:19 twenty:20
    thirty:30 forty:40 fifty:50 sixty:60 seventy:70 eighty:80 ninety:90 hundred:100 thousand:1000
    dozen:12
`,
  Number,
);

/** An interrogative word, which asks by itself even with nothing else ("when?", "what did he do?"). */
export const INTERROGATIVE = /\b(?:who|whom|whose|what|which|when|where|why|how)\b/i;

/** Words that mark the kind of answer a question wants, checked on the normalised text. */
export const QUESTION_TYPES = Object.freeze({
  howto: /\bhow (do|can|could|should|would) (i|we|one)\b/,
  future:
    /\bwill (there|they|he|she|it|the|we|this)\b|\bin the future\b|\bgoing to (happen|be)\b|\bnext time\b/,
  howmany: /\bhow (many|much people|big a number)\b|\bnumber of\b|\bcount\b/,
  howold: /\bhow old\b|\b(age|born|birthday)\b/,
  howlong: /\bhow long\b|\bfor how long\b|\bduration\b/,
  when: /\bwhen\b|\bwhat (?:(?:is|was) )?(?:the )?(?:exact |precise )?(?:year|date|day|month|time)\b|\bwhich (?:year|date|day|month)\b|\bon what (?:date|day)\b/,
  where: /\bwhere\b|\bwhat (city|country|place|location)\b|\bwhich (city|country|place|location)\b/,
  why: /\bwhy\b|\bwhat for\b|\breason\b|\bhow come\b/,
  who: /\bwho\b|\bwhom\b|\bwhose\b/,
  // After the question words: "how long did they have to pay" asks how long, not how much.
  howmuch: /\bhow much\b|\b(cost|costs|price|paid|pay|money|dollars?|euros?)\b/,
});
export type QuestionType = keyof typeof QUESTION_TYPES;

/**
 * Question words as typed in a hurry: without the apostrophe ("whats"), a letter dropped or two
 * swapped ("wat", "wher", "hw", "whihc"). Read as the word meant, so that "hw long" asks how
 * long; in questions only, and only where no card uses the spelling as a word ("Wat Arun").
 */
export const QUESTION_WORD_SPELLINGS: ReadonlyMap<string, string> = pairs(
  `whats:what_is whos:who_is wheres:where_is whens:when_is hows:how_is whys:why_is wats:what_is
  wat:what wot:what wht:what waht:what whta:what hwat:what
  wher:where whr:where whre:where wehre:where
  whn:when wen:when whne:when hwen:when
  wich:which whihc:which whcih:which wihch:which
  hw:how hwy:why wy:why`,
  (meant) => meant.replace('_', ' '),
);

/**
 * Nouns that name the kind of value a question wants, typed in place of "how many" or "when"
 * ("budget gap size", "oral arguments date", "what time did they vote"): a card holds the value
 * without the word, so the word counts only for a card that has it.
 */
export const ANSWER_NOUNS: ReadonlySet<string> = new Set(
  `amount amounts size sizes number numbers count total figure figures date dates time times length
  duration distance age price cost timeline timing`
    .split(/\s+/)
    .filter(Boolean),
);

/** "which radio station does …": the words naming what a which/what question asks for. */
export const ASKED_FOR = [
  /\b(?:which|what)\s+((?:[a-z0-9]+\s+){1,3}?)(?:is|was|are|were|did|does|do|has|had|have|can|could|will|would|should)\b/,
  // "what was the name of …", "what is the capital of …"
  /\bwhat (?:is|was|are|were) the ([a-z0-9]+) of\b/,
];

/**
 * "which three schools …", "who were the other four …": the question asks for that many names,
 * so only an answer that lists them answers it. The first group is the number, as typed.
 */
export const NAMES_ASKED = /\b(?:(?:which|who) (?:are|were) the(?: other)?|which)\s+([a-z]+|\d+)\b/;

/** "a:b c:d" → a map; written so to keep a long closed list short to read. */
function pairs(text: string): Map<string, string>;
function pairs<T>(text: string, convert: (value: string) => T): Map<string, T>;
function pairs(text: string, convert: (value: string) => unknown = (v) => v): Map<string, unknown> {
  return new Map(
    text
      .split(/\s+/)
      .filter(Boolean)
      .map((pair) => {
        const [key = '', value = ''] = pair.split(':');
        return [key, convert(value)];
      }),
  );
}

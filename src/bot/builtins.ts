import type { Pack } from '../knowledge/types.js';
import { normalize } from '../text/normalize.js';
import type { BuiltinIntent, BuiltinReply, CardChoice, TopicGroup } from './reply.js';

/**
 * Whole messages that are a built-in intent, not a question about a story. Matched against
 * the whole normalised message so that "help" never steals "who helped the mayor?".
 */
const PATTERNS: ReadonlyArray<[BuiltinIntent, RegExp]> = [
  [
    'greeting',
    /^(hi|hello|hey|hiya|howdy|yo|greetings|good (morning|afternoon|evening|day)|hi there|hello there|hey there)( (bot|factdesk|there|all|everyone|folks))?$/,
  ],
  [
    'thanks',
    /^((many )?thanks?( you)?( (so|very) much)?( a lot)?|thx|ty|cheers|much appreciated|great thanks|thanks a lot|ok thanks|perfect thanks|that helps|that helped)( (bot|factdesk))?$/,
  ],
  [
    'goodbye',
    /^(bye|goodbye|good bye|see (you|ya)( later)?|later|farewell|bye bye|cya|quit|exit|that is all|that s all)( (bot|factdesk))?$/,
  ],
  [
    'help',
    /^(help|help me|\?|commands|usage|how (do|does) (i|this|it) (use|work)( this| you| it)?|what can (you|i) (do|ask)( you)?|what do you do|how can you help|what are you|who are you|how does this work|what should i ask|instructions)$/,
  ],
  [
    'topics',
    /^((list|show)( me)?( the| all)? )?(topics|subjects|cards|facts)( list)?$|^what (do you know|topics|subjects)( do you (know|cover|have))?( about)?$|^what can you (answer|tell me about)$|^(list|show)( me)? what you know$/,
  ],
  [
    'about',
    /^(about|sources?|what is your source|where do (your|you get) (answers|facts|information)( come from)?|what (document|article|story|source) (are you|do you) (based on|use|using)|what are you based on|credits)$/,
  ],
];

/**
 * Chat words that react or acknowledge and ask nothing, in English at large: up to three of
 * them make a message ("ok", "oh ok cool", "hahaha", "hmm", "i see", "who cares"). Words that
 * a story could ask about on their own ("fine", "right", "good", "true") are left out: alone
 * they go to the matcher, and memory of the subject still needs a question.
 */
const CHATTER_WORD =
  '(?:ok|okay|okey|k|kk|alright|all right|sure|yes|yeah|yep|yup|yea|no|nope|nah|cool|nice|awesome|wow|whoa|woah|oh|ooh|ah|aha|ahh|uh|um+|er+|huh|meh|ugh|hm+|mhm|oops|omg|lol|lmao|rofl|(?:ha){2,}h?|(?:he){2,}|i see|got it|gotcha|understood|makes sense|fair enough|interesting|good to know|really|seriously|whatever|who cares|so what|never mind|nevermind|no way|no problem|np)';
const CHATTER = new RegExp(`^${CHATTER_WORD}(?: ${CHATTER_WORD}){0,2}$`);

/** Nothing but punctuation, symbols and emoji: a reaction such as "👍", ":)" or "!!". */
const ONLY_SYMBOLS = /^(?:[\p{P}\p{S}\p{Z}\p{Extended_Pictographic}\p{Emoji_Component}]|\u200d|\ufe0f)+$/u;

export function detectBuiltin(text: string): BuiltinIntent | undefined {
  const s = normalize(text);
  if (!s && /\?/.test(text)) return 'help';
  for (const [intent, pattern] of PATTERNS) if (pattern.test(s)) return intent;
  if (CHATTER.test(s) || (!s && ONLY_SYMBOLS.test(text.trim()))) return 'chatter';
  return undefined;
}

/** Greetings typed in front of a real question ("hi, who is Maria Okafor?") are dropped before matching. */
export function stripGreeting(text: string): string {
  return text.replace(
    /^\s*(hi|hello|hey|hiya|yo|good (morning|afternoon|evening))( there)?\b[\s,.!:;-]*/i,
    '',
  );
}

export function choiceOf(pack: string, card: { id: string; title: string }): CardChoice {
  return { pack, card: card.id, title: card.title };
}

export function topicGroups(packs: readonly Pack[]): TopicGroup[] {
  return packs.flatMap((pack) => {
    const names = new Map(pack.subjects.map((s) => [s.id, s.name]));
    const groups = new Map<string, CardChoice[]>();
    for (const card of pack.cards) {
      const subject = (card.subject && names.get(card.subject)) || 'Other facts';
      groups.set(subject, [...(groups.get(subject) ?? []), choiceOf(pack.id, card)]);
    }
    return [...groups].map(([subject, cards]) => ({ pack: pack.id, packTitle: pack.title, subject, cards }));
  });
}

/** A few example questions, one from each of the first cards of every pack. */
export function exampleQuestions(packs: readonly Pack[], perPack = 4): string[] {
  return packs.flatMap((pack) => {
    const step = Math.max(1, Math.floor(pack.cards.length / perPack));
    return pack.cards
      .filter((_, i) => i % step === 0)
      .slice(0, perPack)
      .map((c) => c.questions[0] ?? c.title);
  });
}

export function builtinReply(intent: BuiltinIntent, packs: readonly Pack[]): BuiltinReply {
  const base = { kind: 'builtin' as const, intent, examples: [], topics: [], suggestions: [] };
  const stories = packs.map((p) => `“${p.title}”`).join(', ');
  switch (intent) {
    case 'greeting':
      return { ...base, text: `Hello! Ask me anything about ${stories}. Type "help" for examples.` };
    case 'thanks':
      return { ...base, text: 'You are welcome. Ask another question any time.' };
    case 'goodbye':
      return { ...base, text: 'Goodbye!' };
    case 'chatter':
      return {
        ...base,
        text: `Ask me anything about ${stories} when you like, or type "help" for examples.`,
      };
    case 'about':
      return {
        ...base,
        text: `My answers come only from verified fact cards written from these sources: ${packs
          .map((p) => `“${p.source.title}” (${p.source.path})`)
          .join('; ')}. Every answer cites the sentences it rests on.`,
      };
    case 'topics': {
      const topics = topicGroups(packs);
      return { ...base, text: `I can answer questions about ${stories}. Topics:`, topics };
    }
    case 'help': {
      const examples = exampleQuestions(packs);
      return {
        ...base,
        text: `I answer questions about ${stories} from verified fact cards, and cite the source. Ask in plain words; type "topics" to see what I know, "about" for my sources.`,
        examples,
      };
    }
  }
}

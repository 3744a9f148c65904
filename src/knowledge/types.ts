/** A fact card once loaded: its subject's aliases merged in, its source resolved. */
export interface Card {
  id: string;
  /** Id of the pack the card belongs to; card ids are unique per pack. */
  pack: string;
  title: string;
  answer: string;
  questions: string[];
  /** The card's own aliases followed by its subject's name and aliases. */
  aliases: string[];
  /** Id of the subject (person or thing) the card is about, used to follow a conversation. */
  subject?: string;
  /** The sentence(s) of the source document the answer rests on, verbatim. */
  source: string[];
  related: string[];
  verified?: string;
  reviewBy?: string;
}

export interface Subject {
  id: string;
  name: string;
  aliases: string[];
  /** The story itself (the swap, the event): its cards may answer about anyone in it. */
  general: boolean;
}

export interface SourceDocument {
  title: string;
  /** Path relative to the working directory, for citations and tooling. */
  path: string;
  url?: string;
  text: string;
}

/** One story: its source document and the cards written from it. */
export interface Pack {
  id: string;
  title: string;
  source: SourceDocument;
  subjects: Subject[];
  /** Extra synonym groups of this story's domain; the first word of a group is canonical. */
  synonyms: string[][];
  cards: Card[];
}

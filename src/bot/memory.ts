/**
 * What the bot remembers of a conversation: the subject last answered about, so that "what
 * was he sentenced to?" after "who is Gershkovich?" stays on Gershkovich. Bounded in entries
 * (least recently used go first) and in age; keyed by conversation, so nothing leaks between
 * conversations. The clock is injected to keep the bot deterministic in tests.
 */
export interface MemoryOptions {
  maxConversations: number;
  ttlMs: number;
  now: () => number;
}

export const DEFAULT_MEMORY_OPTIONS: Readonly<MemoryOptions> = Object.freeze({
  maxConversations: 10_000,
  ttlMs: 30 * 60 * 1000,
  now: () => Date.now(),
});

export interface Remembered {
  /** Subject key (`pack/subject`) of the last card answered. */
  subject: string;
  /** Card key (`pack/card`) of the last card answered. */
  card: string;
}

export class ConversationMemory {
  private readonly entries = new Map<string, Remembered & { at: number }>();
  private readonly options: MemoryOptions;

  constructor(options: Partial<MemoryOptions> = {}) {
    this.options = { ...DEFAULT_MEMORY_OPTIONS, ...options };
  }

  get(conversation: string): Remembered | undefined {
    const entry = this.entries.get(conversation);
    if (!entry) return undefined;
    if (this.options.now() - entry.at > this.options.ttlMs) {
      this.entries.delete(conversation);
      return undefined;
    }
    return { subject: entry.subject, card: entry.card };
  }

  set(conversation: string, value: Remembered): void {
    this.entries.delete(conversation);
    this.entries.set(conversation, { ...value, at: this.options.now() });
    while (this.entries.size > this.options.maxConversations) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

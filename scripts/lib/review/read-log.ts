import type { ExchangeStore } from '../../../src/exchange-log/store.js';

/** An exchange as the review reads it back. */
export interface LoggedExchange {
  id: string;
  at: string;
  platform: string;
  userHash: string;
  shared: boolean;
  via: string;
  question: string | null;
  kind: string;
  pack: string | null;
  card: string | null;
  confidence: number | null;
  suggestions: string[];
  pickedFrom: string | null;
}

export interface LoggedVote {
  exchange: string;
  voterHash: string;
  vote: 'up' | 'down';
  reason: string | null;
  at: string;
}

export interface Period {
  from: Date;
  to: Date;
}

export interface ReviewLog {
  exchanges: LoggedExchange[];
  /** Votes on the exchanges of the period. */
  votes: LoggedVote[];
}

/** The exchanges of a period and the votes on them, oldest first. */
export async function readLog(store: ExchangeStore, period: Period): Promise<ReviewLog> {
  const db = store.database();
  const from = period.from.toISOString();
  const to = period.to.toISOString();
  const rows = await db
    .selectFrom('exchanges')
    .selectAll()
    .where('at', '>=', from)
    .where('at', '<', to)
    .orderBy('at')
    .execute();
  const votes = await db
    .selectFrom('feedback')
    .innerJoin('exchanges', 'exchanges.id', 'feedback.exchange_id')
    .select([
      'feedback.exchange_id',
      'feedback.voter_hash',
      'feedback.vote',
      'feedback.reason',
      'feedback.at',
    ])
    .where('exchanges.at', '>=', from)
    .where('exchanges.at', '<', to)
    .execute();
  return {
    exchanges: rows.map((r) => ({
      id: r.id,
      at: r.at,
      platform: r.platform,
      userHash: r.user_hash,
      shared: Number(r.shared) === 1,
      via: r.via,
      question: r.question,
      kind: r.kind,
      pack: r.pack,
      card: r.card,
      confidence: r.confidence === null ? null : Number(r.confidence),
      suggestions: parseKeys(r.suggestions),
      pickedFrom: r.picked_from,
    })),
    votes: votes.flatMap((v) =>
      v.vote === 'up' || v.vote === 'down'
        ? [{ exchange: v.exchange_id, voterHash: v.voter_hash, vote: v.vote, reason: v.reason, at: v.at }]
        : [],
    ),
  };
}

function parseKeys(json: string): string[] {
  try {
    const value: unknown = JSON.parse(json);
    return Array.isArray(value) ? value.filter((k): k is string => typeof k === 'string') : [];
  } catch {
    return [];
  }
}

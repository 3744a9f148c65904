import { randomBytes } from 'node:crypto';
import type { ExchangeEntry, LogEntry, VoteEntry } from '../../../src/exchange-log/entries.js';

export const newExchangeId = () => randomBytes(12).toString('base64url');

export function exchange(fields: Partial<ExchangeEntry> = {}): LogEntry {
  return {
    type: 'exchange',
    entry: {
      id: newExchangeId(),
      at: Date.now(),
      platform: 'slack',
      user: 'U0ASKER',
      shared: false,
      via: 'text',
      question: 'who is Krasikov?',
      kind: 'answer',
      detail: null,
      pack: 'us-russia-prisoner-exchange',
      card: 'krasikov-who',
      confidence: 0.8,
      suggestions: [],
      pickedFrom: null,
      ...fields,
    },
  };
}

export function vote(exchangeId: string, fields: Partial<VoteEntry> = {}): LogEntry {
  return {
    type: 'vote',
    entry: {
      exchange: exchangeId,
      at: Date.now(),
      platform: 'slack',
      user: 'U0ASKER',
      vote: 'up',
      reason: null,
      ...fields,
    },
  };
}

export const idOf = (entry: LogEntry) => (entry.type === 'exchange' ? entry.entry.id : entry.entry.exchange);

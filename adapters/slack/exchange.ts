import type { AnyMiddlewareArgs, Context, Middleware } from '@slack/bolt';
import type { Bot } from '../../src/bot/port.js';
import type { Asked, Query } from '../../src/bot/query.js';
import type { Reply } from '../../src/bot/reply.js';
import { type Logger, replyFields } from '../../src/log.js';
import type { Turns } from './take-turns.js';

/** What every Slack listener needs: the core, a logger, a clock for latencies, answer pacing. */
export interface HandlerDeps {
  bot: Bot;
  logger: Logger;
  now: () => number;
  /** Awaited between acknowledging a request and answering it; see `take-turns.ts`. */
  turns: Turns;
}

/** Context key set once a listener of ours took the request (see {@link claimed}). */
const CLAIMED = 'factdeskClaimed';

/**
 * Listener middleware put first on every listener: it marks the request as taken, so that the
 * global middleware can tell a payload nobody listens to (an unknown command, a view
 * submission, an event type not subscribed to) and log it once.
 */
export const claimed: Middleware<AnyMiddlewareArgs> = async ({ context, next }) => {
  context[CLAIMED] = true;
  await next();
};

export function wasClaimed(context: Context): boolean {
  return context[CLAIMED] === true;
}

/** How a question reached the bot, for logs. */
export type Source = 'command' | 'mention' | 'dm' | 'card' | 'share';

/**
 * Builds a Slack `Query`; the conversation id comes from `conversation.ts`. `shared` when the
 * reply is posted where others see it (a channel thread), so that each of them may vote on it.
 */
export function slackQuery(asked: Asked, user: string, conversation: string, shared = false): Query {
  return { ...asked, user, conversation, platform: SLACK, shared };
}

/** `Query.platform` of Slack's queries: the descriptor's name. */
export const SLACK = 'slack';

/**
 * The workspace part of conversation ids. Org-wide installs can leave the team unset; the
 * enterprise id then stands in, so that ids stay distinct per install.
 */
export function teamOf(context: Context, fallback?: string): string {
  return context.teamId ?? fallback ?? context.enterpriseId ?? 'unknown-team';
}

/**
 * Asks the core. An acknowledged question is always answered: when the core fails (a state
 * store gone away, say), this logs why and resolves undefined, and the caller sends an apology.
 */
export async function askCore(deps: HandlerDeps, query: Query): Promise<Reply | undefined> {
  try {
    return await deps.bot.ask(query);
  } catch (error) {
    deps.logger.error(
      {
        platform: 'slack',
        conversation: query.conversation,
        err: error instanceof Error ? error.message : String(error),
      },
      'the core failed to answer; apologised',
    );
    return undefined;
  }
}

/** A payload a listener cannot act on (a field it needs is missing): one warning, no reply. */
export function ignoreMalformed(deps: HandlerDeps, source: Source, missing: string): void {
  deps.logger.warn({ platform: 'slack', source, missing }, 'malformed slack payload ignored');
}

/**
 * One log line per answered message, written after delivery so the latency covers the round
 * trip to Slack. Ids, card, score and timing only: no question text, no payload, no token.
 */
export function logExchange(
  deps: HandlerDeps,
  source: Source,
  query: Query,
  reply: Reply | undefined,
  startedAt: number,
): void {
  deps.logger.info(
    {
      platform: 'slack',
      source,
      conversation: query.conversation,
      ...(reply ? replyFields(reply) : { reply: 'apology' }),
      latencyMs: Math.round(deps.now() - startedAt),
    },
    'answered',
  );
}

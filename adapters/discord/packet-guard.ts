import type { Client } from 'discord.js';
import type { Logger } from '../../src/log.js';
import { errorFields } from './log-fields.js';

type PacketHandler = (packet?: unknown, shard?: unknown) => boolean;

/**
 * Keeps one malformed gateway event from killing the process.
 *
 * discord.js builds its objects from gateway payloads without checking them: an
 * INTERACTION_CREATE without `entitlements` throws a TypeError in the `BaseInteraction`
 * constructor (`data.entitlements.reduce`), one without `authorizing_integration_owners` in the
 * `AuthorizingIntegrationOwners` constructor. The throw runs up through
 * `WebSocketManager#handlePacket` to `@discordjs/ws`'s `WebSocketShard#onMessage`, an async
 * function called with `void`, so it becomes an unhandled rejection and Node exits. No
 * `error` event is emitted on the way, so a client `error` listener cannot see it.
 *
 * Every dispatch, queued before READY or live, goes through `client.ws.handlePacket` (private,
 * as of discord.js 14.28), so it is wrapped here: an event that throws is logged by its type and
 * dropped, and the next one is handled as usual. Should an upgrade remove the method, this
 * returns false after logging a warning, and tests/adapters/discord fail.
 * Narrower than a process-wide `unhandledRejection` handler, which would also swallow the
 * failures of every other part of the process.
 */
export function guardPacketHandling(client: Client, logger: Logger): boolean {
  const ws = client.ws as unknown as { handlePacket?: unknown };
  if (typeof ws.handlePacket !== 'function') {
    logger.warn('discord: cannot guard gateway events (discord.js internals changed); a bad event may crash');
    return false;
  }
  const handle = (ws.handlePacket as PacketHandler).bind(client.ws);
  const guarded: PacketHandler = (packet, shard) => {
    try {
      return handle(packet, shard);
    } catch (error) {
      // The payload is not logged: it can hold an interaction token and personal data.
      logger.warn(
        { event: eventName(packet), error: errorFields(error) },
        'discord: skipped a malformed event',
      );
      return false;
    }
  };
  ws.handlePacket = guarded;
  return true;
}

function eventName(packet: unknown): string {
  const t = typeof packet === 'object' && packet !== null ? (packet as { t?: unknown }).t : undefined;
  return typeof t === 'string' ? t.slice(0, 64) : 'unknown';
}

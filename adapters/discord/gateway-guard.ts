import { type IShardingStrategy, SimpleShardingStrategy, type WebSocketManager } from '@discordjs/ws';
import type { Logger } from '../../src/log.js';
import { frameLabel, frameProblem } from './gateway-frame.js';
import { errorFields } from './log-fields.js';

/**
 * The gateway connection, guarded frame by frame: what discord.js is given as `ws.buildStrategy`.
 *
 * `@discordjs/ws` handles each WebSocket message in `WebSocketShard#onMessage`, an async method
 * its socket calls with `void`: whatever throws in it, or in a listener it emits to (all of
 * discord.js's gateway handling), becomes an unhandled rejection, and Node ends the process.
 * Two hooks on each shard stop that:
 *
 * - `unpackMessage` (which decodes a message into a frame) is followed by {@link frameProblem}:
 *   a frame the libraries cannot read safely is logged by its opcode and event name and turned
 *   into `null`, which `onMessage` already skips (as it does a frame it cannot decode);
 * - `onMessage` itself is wrapped so that anything still thrown is logged and the shard goes on
 *   with the next frame, instead of taking the process down.
 *
 * Both are private methods of `WebSocketShard` (`@discordjs/ws` 1.2, the version discord.js 14
 * pins); the strategy itself is discord.js's documented `ws.buildStrategy` option. Should an
 * upgrade rename them, a warning says so at connection time, and tests/adapters/discord fail.
 */
export function guardedGateway(logger: Logger): (manager: WebSocketManager) => IShardingStrategy {
  return (manager) => new GuardedShardingStrategy(manager, logger);
}

type Unpack = (data: unknown, isBinary: boolean) => Promise<unknown>;
type OnMessage = (data: unknown, isBinary: boolean) => Promise<void>;
interface ShardInternals {
  unpackMessage?: unknown;
  onMessage?: unknown;
}

class GuardedShardingStrategy extends SimpleShardingStrategy {
  private readonly guarded = new WeakSet<object>();

  constructor(
    manager: WebSocketManager,
    private readonly logger: Logger,
  ) {
    super(manager);
  }

  override async spawn(shardIds: number[]): Promise<void> {
    await super.spawn(shardIds);
    const shards = (this as unknown as { shards?: Map<number, ShardInternals> }).shards;
    if (!(shards instanceof Map)) {
      this.logger.warn('discord: cannot guard gateway frames (@discordjs/ws internals changed)');
      return;
    }
    for (const [id, shard] of shards) {
      if (this.guarded.has(shard)) continue;
      if (guardShard(shard, this.logger.child({ shard: id }))) this.guarded.add(shard);
    }
  }
}

function guardShard(shard: ShardInternals, logger: Logger): boolean {
  if (typeof shard.unpackMessage !== 'function' || typeof shard.onMessage !== 'function') {
    logger.warn(
      'discord: cannot guard gateway frames (@discordjs/ws internals changed); a bad frame may crash',
    );
    return false;
  }
  const unpack = (shard.unpackMessage as Unpack).bind(shard);
  const onMessage = (shard.onMessage as OnMessage).bind(shard);

  shard.unpackMessage = (async (data, isBinary) => {
    const frame = await unpack(data, isBinary);
    // null: a compressed frame still incomplete, or text that is not JSON (logged here).
    if (frame === null) {
      if (!isBinary)
        logger.warn({ problem: 'not a JSON object' }, 'discord: dropped a malformed gateway frame');
      return null;
    }
    const problem = frameProblem(frame);
    if (problem === undefined) return frame;
    logger.warn({ ...frameLabel(frame), problem }, 'discord: dropped a malformed gateway frame');
    return null;
  }) satisfies Unpack;

  shard.onMessage = (async (data, isBinary) => {
    try {
      await onMessage(data, isBinary);
    } catch (error) {
      // The frame passed the checks above and still failed in the libraries: skipped, not fatal.
      logger.error({ error: errorFields(error) }, 'discord: a gateway frame failed; skipped');
    }
  }) satisfies OnMessage;
  return true;
}

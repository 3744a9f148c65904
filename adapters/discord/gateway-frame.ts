import { z } from 'zod';

/**
 * The shape a gateway frame must have before `@discordjs/ws` and discord.js may read it.
 *
 * Both libraries trust the gateway: `@discordjs/ws` reads `d.session_id` of a READY,
 * `d.heartbeat_interval` of a HELLO and calls `d.toString()` on an INVALID_SESSION; discord.js
 * emits every dispatch under its own name `t` on an EventEmitter (so `t: "error"` throws), maps
 * READY's `guilds` and reads GUILD_CREATE's `d.id` outside its guarded packet handlers. Any of
 * these on a malformed frame throws inside an async message handler that nothing awaits, and
 * Node ends the process. So every decoded frame is checked here first, against what those
 * libraries read, and a frame that fails is dropped as if it had never arrived.
 *
 * What is checked is what the libraries need to stay standing, not all of Discord's schema: the
 * payload of an ordinary dispatch (a message, an interaction) goes on to discord.js, whose packet
 * handlers are guarded one by one (packet-guard.ts).
 */

const id = z.string().min(1);
/** Discord's event names: upper case, digits and underscores (READY, INTERACTION_CREATE, …). */
const eventName = z.string().regex(/^[A-Z][A-Z0-9_]{0,63}$/, 'not an event name');
const payload = z.object({});

const dispatch = z.object({
  op: z.literal(0),
  t: eventName,
  s: z.number().int().nonnegative(),
  d: z.unknown(),
});

/** Dispatches whose `d` is read outside discord.js's guarded packet handlers. */
const dispatchPayloads: Record<string, z.ZodType> = {
  READY: z.object({
    session_id: z.string().min(1),
    resume_gateway_url: z.string().min(1),
    user: z.object({ id }),
    guilds: z.array(z.object({ id })),
    application: z.object({ id }),
  }),
  GUILD_CREATE: z.object({ id }),
  GUILD_DELETE: z.object({ id }),
  // Discord documents no payload for RESUMED, and nothing reads one.
  RESUMED: z.unknown(),
};

/**
 * Discord asks for a heartbeat every 41.25 s. Below a second the client would beat in a tight
 * loop (and declare the connection a zombie whenever one ack is late); above 2^31 − 1 ms Node
 * turns the timer into 1 ms.
 */
const heartbeatInterval = z
  .number()
  .int()
  .min(1000)
  .max(2 ** 31 - 1);

const controlFrames: Record<number, z.ZodType> = {
  /** Heartbeat request: answered with a heartbeat; `d` is not read. */
  1: z.object({ op: z.literal(1) }),
  /** Reconnect. */
  7: z.object({ op: z.literal(7) }),
  /** Invalid session: `d` says whether the session can be resumed. */
  9: z.object({ op: z.literal(9), d: z.boolean() }),
  /** Hello. */
  10: z.object({
    op: z.literal(10),
    d: z.object({ heartbeat_interval: heartbeatInterval }),
  }),
  /** Heartbeat acknowledged. */
  11: z.object({ op: z.literal(11) }),
};

/** What a frame says about itself, for a log line: never its payload, which may hold tokens. */
export interface FrameLabel {
  op: number | null;
  t: string | null;
}

export function frameLabel(frame: unknown): FrameLabel {
  const { op, t } = (typeof frame === 'object' && frame !== null ? frame : {}) as Record<string, unknown>;
  return {
    op: typeof op === 'number' && Number.isInteger(op) ? op : null,
    t: typeof t === 'string' ? t.replace(/[^\w.-]/g, '?').slice(0, 64) : null,
  };
}

/**
 * Why `frame` (a decoded gateway message) must not reach the libraries, or undefined when it may.
 * Opcodes a client never receives are refused too: the libraries would ignore them anyway.
 */
export function frameProblem(frame: unknown): string | undefined {
  if (typeof frame !== 'object' || frame === null || Array.isArray(frame)) return 'not a JSON object';
  const op = (frame as { op?: unknown }).op;
  if (op === 0) {
    const checked = dispatch.safeParse(frame);
    if (!checked.success) return describe(checked.error);
    const schema = dispatchPayloads[checked.data.t] ?? payload;
    const body = schema.safeParse(checked.data.d);
    return body.success ? undefined : describe(body.error, 'd');
  }
  const schema = typeof op === 'number' ? controlFrames[op] : undefined;
  if (!schema) return typeof op === 'number' ? `opcode ${op} is not one a client receives` : 'no opcode';
  const checked = schema.safeParse(frame);
  return checked.success ? undefined : describe(checked.error);
}

function describe(error: z.ZodError, prefix?: string): string {
  const issue = error.issues[0];
  if (!issue) return 'malformed';
  const path = [...(prefix ? [prefix] : []), ...issue.path.map(String)].join('.');
  return `${path || 'frame'}: ${issue.message}`;
}

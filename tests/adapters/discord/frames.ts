import { readyPayload } from './fake-discord.js';

/**
 * Gateway frames as a buggy or hostile gateway might send them. The first four are the ones
 * issue 11 found killing the process; each throws somewhere else in `@discordjs/ws` or discord.js.
 */
export const crashingFrames: ReadonlyArray<readonly [string, unknown]> = [
  ['READY with d: null', { op: 0, t: 'READY', s: 900, d: null }],
  ['a dispatch named "error"', { op: 0, t: 'error', s: 901, d: { message: 'boom' } }],
  ['INVALID_SESSION (op 9) without d', { op: 9 }],
  ['HELLO (op 10) with d: null', { op: 10, d: null }],
];

/** More malformed frames, as raw WebSocket text, each dropped by the guard with a warning. */
export const otherMalformedFrames: ReadonlyArray<readonly [string, string]> = [
  ['text that is not JSON', '{"op": 0, "t": "READY"'],
  ['JSON null', 'null'],
  ['an array', '[0, "READY"]'],
  ['a number', '42'],
  ['no opcode', '{"t":"MESSAGE_CREATE","d":{}}'],
  ['a string opcode', '{"op":"0","t":"MESSAGE_CREATE","s":1,"d":{}}'],
  ['an opcode only clients send', '{"op":2,"d":{}}'],
  ['a dispatch without a name', '{"op":0,"s":1,"d":{}}'],
  ['a dispatch named __proto__', '{"op":0,"t":"__proto__","s":1,"d":{}}'],
  ['a dispatch named newListener', '{"op":0,"t":"newListener","s":1,"d":{}}'],
  ['a dispatch without a sequence', '{"op":0,"t":"MESSAGE_CREATE","d":{}}'],
  ['a dispatch whose d is a string', '{"op":0,"t":"MESSAGE_CREATE","s":1,"d":"x"}'],
  ['READY without guilds', readyWith({ guilds: undefined })],
  ['READY with a null guild', readyWith({ guilds: [null] })],
  ['READY without a user', readyWith({ user: undefined })],
  ['GUILD_CREATE with d: null', '{"op":0,"t":"GUILD_CREATE","s":1,"d":null}'],
  ['GUILD_DELETE without an id', '{"op":0,"t":"GUILD_DELETE","s":1,"d":{"unavailable":true}}'],
  ['INVALID_SESSION with d: "yes"', '{"op":9,"d":"yes"}'],
  ['HELLO without d', '{"op":10}'],
  ['HELLO with a heartbeat of 0 ms', '{"op":10,"d":{"heartbeat_interval":0}}'],
  ['HELLO with a heartbeat in words', '{"op":10,"d":{"heartbeat_interval":"often"}}'],
];

/** A READY as the fake sends it, with some fields replaced (undefined: left out). */
export function readyWith(changes: Record<string, unknown>): string {
  return JSON.stringify({ op: 0, t: 'READY', s: 1, d: { ...readyPayload('ws://127.0.0.1:1'), ...changes } });
}

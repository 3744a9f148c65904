import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { frameLabel, frameProblem } from '../../../adapters/discord/gateway-frame.js';
import { readyPayload } from './fake-discord.js';
import { crashingFrames, otherMalformedFrames } from './frames.js';
import { askCommand } from './payloads.js';

/** Frames a real gateway sends, which must all pass. */
const wellFormed: ReadonlyArray<readonly [string, unknown]> = [
  ['HELLO', { op: 10, d: { heartbeat_interval: 41_250, _trace: ['gateway'] }, s: null, t: null }],
  ['READY', { op: 0, t: 'READY', s: 1, d: readyPayload('wss://gateway.example') }],
  ['GUILD_CREATE', { op: 0, t: 'GUILD_CREATE', s: 2, d: { id: '1', name: 'x', channels: [] } }],
  ['INTERACTION_CREATE', { op: 0, t: 'INTERACTION_CREATE', s: 3, d: askCommand('who?').payload }],
  ['RESUMED without a payload', { op: 0, t: 'RESUMED', s: 4, d: null }],
  ['a heartbeat request', { op: 1, d: null }],
  ['a heartbeat ack', { op: 11 }],
  ['RECONNECT', { op: 7, d: null }],
  ['INVALID_SESSION, resumable', { op: 9, d: true }],
  ['INVALID_SESSION, not resumable', { op: 9, d: false }],
];

describe('frameProblem', () => {
  it.each(wellFormed)('lets %s through', (_name, frame) => {
    expect(frameProblem(frame)).toBeUndefined();
  });

  it.each([...crashingFrames, ...otherMalformedFrames.map(([name, raw]) => [name, parse(raw)] as const)])(
    'refuses %s, saying why',
    (_name, frame) => {
      expect(frameProblem(frame)).toMatch(/\w/);
    },
  );

  it('names the field at fault', () => {
    expect(frameProblem({ op: 0, t: 'READY', s: 1, d: null })).toMatch(/^d: /);
    expect(frameProblem({ op: 10, d: { heartbeat_interval: 'x' } })).toMatch(/^d\.heartbeat_interval: /);
    expect(frameProblem({ op: 0, t: 'error', s: 1, d: {} })).toBe('t: not an event name');
  });

  it('never throws, whatever it is given', () => {
    fc.assert(
      fc.property(fc.oneof(fc.jsonValue(), fc.anything()), (frame) => {
        const problem = frameProblem(frame);
        expect(problem === undefined || typeof problem === 'string').toBe(true);
        frameLabel(frame);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('frameLabel', () => {
  it('keeps the opcode and a printable event name, nothing of the payload', () => {
    expect(frameLabel({ op: 0, t: 'INTERACTION_CREATE', d: { token: 'secret' } })).toEqual({
      op: 0,
      t: 'INTERACTION_CREATE',
    });
    expect(frameLabel({ op: 'x', t: 'a\nb\u001b[31m' })).toEqual({ op: null, t: 'a?b??31m' });
    expect(frameLabel(null)).toEqual({ op: null, t: null });
  });
});

function parse(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return raw;
  }
}

import type { Client } from 'discord.js';
import { describe, expect, it } from 'vitest';
import { guardPacketHandling } from '../../../adapters/discord/packet-guard.js';
import { captureLogs } from './log-capture.js';

/** A stand-in for `client.ws`: only the method the guard wraps. */
function fakeClient(handlePacket?: (packet?: unknown) => boolean) {
  const ws: { handlePacket?: unknown; handled: unknown[] } = { handled: [] };
  if (handlePacket) ws.handlePacket = handlePacket;
  return { client: { ws } as unknown as Client, ws };
}

describe('guardPacketHandling', () => {
  it('passes events through to discord.js unchanged, with discord.js as `this`', () => {
    const logs = captureLogs();
    const { client, ws } = fakeClient(function (this: { handled: unknown[] }, packet) {
      this.handled.push(packet);
      return true;
    });
    expect(guardPacketHandling(client, logs.logger)).toBe(true);
    const packet = { t: 'MESSAGE_CREATE', d: {} };
    expect((ws.handlePacket as (p: unknown) => boolean)(packet)).toBe(true);
    expect(ws.handled).toEqual([packet]);
  });

  it('logs an event that throws by its type only, and returns instead of throwing', () => {
    const logs = captureLogs();
    const { client, ws } = fakeClient(() => {
      throw new TypeError("Cannot read properties of undefined (reading 'reduce')");
    });
    guardPacketHandling(client, logs.logger);
    const packet = {
      t: 'INTERACTION_CREATE',
      d: { token: 'secret-interaction-token', data: { name: 'ask' } },
    };

    expect(() => (ws.handlePacket as (p: unknown) => boolean)(packet)).not.toThrow();
    expect(logs.entries()).toContainEqual(
      expect.objectContaining({
        msg: 'discord: skipped a malformed event',
        event: 'INTERACTION_CREATE',
        error: expect.objectContaining({ name: 'TypeError' }),
      }),
    );
    expect(logs.text()).not.toContain('secret-interaction-token');
  });

  it('warns, and reports false, when discord.js no longer has the method it wraps', () => {
    const logs = captureLogs();
    expect(guardPacketHandling(fakeClient().client, logs.logger)).toBe(false);
    expect(logs.entries()).toContainEqual(expect.objectContaining({ level: 40 }));
  });
});

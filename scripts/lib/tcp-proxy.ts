import type { AddressInfo } from 'node:net';
import { connect, createServer, type Socket } from 'node:net';

export interface ProxyTarget {
  host: string;
  port: number;
}

/**
 * - `forward`: bytes pass both ways;
 * - `refuse`: every connection is closed, new ones as soon as they are accepted (a server gone);
 * - `stall`: connections stay open and nothing passes (a server that hangs).
 */
export type ProxyMode = 'forward' | 'refuse' | 'stall';

export interface TcpProxy {
  readonly host: string;
  readonly port: number;
  /** Connections handed to each target so far, by the target's index. */
  readonly forwarded: readonly number[];
  readonly mode: ProxyMode;
  setMode(mode: ProxyMode): void;
  close(): Promise<void>;
}

interface Pair {
  client: Socket;
  upstream?: Socket;
}

/**
 * A small TCP proxy on loopback: each new connection goes to the next target in turn (round
 * robin), and the whole can be cut or stalled and restored. In front of several Slack instances
 * it is the load balancer (a keep-alive connection stays with its instance, as behind most
 * balancers); in front of one Redis it plays the server going away, or hanging, without
 * touching the server itself, which others may be using.
 */
export async function startTcpProxy(
  targets: readonly ProxyTarget[],
  options: { host?: string; port?: number } = {},
): Promise<TcpProxy> {
  if (targets.length === 0) throw new Error('tcp proxy: no target');
  const host = options.host ?? '127.0.0.1';
  const pairs = new Set<Pair>();
  const forwarded = targets.map(() => 0);
  let mode: ProxyMode = 'forward';
  let next = 0;

  const end = (pair: Pair) => {
    pairs.delete(pair);
    pair.client.destroy();
    pair.upstream?.destroy();
  };

  const server = createServer({ noDelay: true }, (client) => {
    if (mode === 'refuse') {
      client.destroy();
      return;
    }
    const pair: Pair = { client };
    pairs.add(pair);
    client.on('error', () => end(pair));
    client.on('close', () => end(pair));
    if (mode === 'stall') {
      client.pause();
      return;
    }
    const index = next++ % targets.length;
    forwarded[index] = (forwarded[index] ?? 0) + 1;
    const target = targets[index] as ProxyTarget;
    const upstream = connect({ host: target.host, port: target.port, noDelay: true });
    pair.upstream = upstream;
    upstream.on('error', () => end(pair));
    upstream.on('close', () => end(pair));
    client.pipe(upstream);
    upstream.pipe(client);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });

  return {
    host,
    port: (server.address() as AddressInfo).port,
    forwarded,
    get mode() {
      return mode;
    },
    setMode(to) {
      if (to === mode) return;
      const from = mode;
      mode = to;
      for (const pair of [...pairs]) {
        // Leaving a stall, or cutting: what hung is reset, as a network that heals resets it.
        if (to === 'refuse' || from === 'stall') end(pair);
        else if (to === 'stall') {
          pair.client.unpipe();
          pair.upstream?.unpipe();
          pair.client.pause();
          pair.upstream?.pause();
        }
      }
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const pair of [...pairs]) end(pair);
        server.close(() => resolve());
      }),
  };
}

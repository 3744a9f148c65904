import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Starts `server` listening; resolves with the address bound (useful with port 0). */
export function listen(server: Server, port: number, host?: string): Promise<AddressInfo | undefined> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const bound = server.address();
      resolve(bound !== null && typeof bound === 'object' ? bound : undefined);
    });
  });
}

/**
 * Stops accepting connections and resolves once the server is closed. `idle` closes only
 * keep-alive connections with no request under way, so requests being handled still get their
 * response; `all` also cuts requests under way (health probes, which are cheap to repeat).
 */
export function close(server: Server, connections: 'idle' | 'all'): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    if (connections === 'all') server.closeAllConnections();
    else server.closeIdleConnections();
  });
}

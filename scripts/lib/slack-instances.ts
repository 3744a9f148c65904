import { type ChildApp, startChildApp } from './child-app.js';
import { startTcpProxy, type TcpProxy } from './tcp-proxy.js';

/** One Factdesk process in Slack HTTP mode. */
export interface SlackInstance {
  app: ChildApp;
  /** Its own address, `http://127.0.0.1:<port>`, to reach it past the balancer. */
  base: string;
}

/** Several Slack HTTP instances behind a round-robin balancer, or one alone. */
export interface SlackInstances {
  /** Where requests go: the balancer, or the instance itself when there is only one. */
  readonly base: string;
  readonly instances: readonly SlackInstance[];
  /** The balancer, when there are several instances. */
  readonly balancer: TcpProxy | undefined;
  /** Sends `signal` to every instance at once; their exit codes, in order. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<Array<number | string>>;
}

/**
 * Starts `count` Factdesk processes through the real entry point, each with `env` and its own
 * port, waits until every one is ready (`/readyz` 200), and with more than one puts a round-robin
 * TCP proxy in front (each new connection to the next instance; a keep-alive connection stays
 * with its instance, as behind most load balancers). If one fails to start, all are stopped.
 */
export async function startSlackInstances(
  count: number,
  env: Record<string, string>,
  options: { readyTimeoutMs?: number } = {},
): Promise<SlackInstances> {
  const apps = Array.from({ length: count }, () => startChildApp({ ...env, PORT: '0' }));
  const stop = async (signal: NodeJS.Signals = 'SIGTERM', timeoutMs?: number) =>
    Promise.all(apps.map((app) => app.stop(signal, timeoutMs)));
  let balancer: TcpProxy | undefined;
  try {
    const instances = await Promise.all(
      apps.map(async (app) => {
        const started = await app.waitForLog(
          (e) => e.msg === 'slack adapter started',
          options.readyTimeoutMs ?? 60_000,
        );
        const base = `http://127.0.0.1:${String(started.port)}`;
        await waitReady(base, options.readyTimeoutMs ?? 60_000);
        return { app, base };
      }),
    );
    if (count > 1) {
      balancer = await startTcpProxy(instances.map((i) => ({ host: '127.0.0.1', port: portOf(i.base) })));
    }
    const proxy = balancer;
    return {
      base: proxy ? `http://127.0.0.1:${proxy.port}` : (instances[0]?.base ?? ''),
      instances,
      balancer: proxy,
      async stop(signal, timeoutMs) {
        const codes = await stop(signal, timeoutMs);
        await proxy?.close();
        return codes;
      },
    };
  } catch (error) {
    await stop('SIGKILL', 1000);
    await balancer?.close();
    throw error;
  }
}

/** Polls `/readyz` until it answers 200 (the process reports itself ready), bounded. */
export async function waitReady(base: string, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const ok = await fetch(`${base}/readyz`)
      .then((res) => res.status === 200)
      .catch(() => false);
    if (ok) return;
    if (Date.now() > deadline) throw new Error(`${base}/readyz never became ready`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function portOf(base: string): number {
  return Number(new URL(base).port);
}

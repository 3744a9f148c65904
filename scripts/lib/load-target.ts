import { commandStats, deleteKeys, HAS_REDIS_SERVER, startPrivateRedis } from './redis-server.js';
import { type SlackInstances, startSlackInstances } from './slack-instances.js';

/**
 * What `npm run load` measures: one Factdesk instance (in-process state, the default), or
 * several behind a round-robin balancer sharing Redis.
 *
 *   --instances N   instances (default 1); more than one share Redis
 *   --redis         keep the state in Redis with one instance too (what Redis adds)
 *
 * Redis is `REDIS_URL` when set (other clients may use it too), else a private `redis-server`
 * started for the run on a free port, keeping nothing on disk. Keys go under a prefix of the
 * run's own, deleted afterwards.
 */
export interface LoadTarget {
  /** Where the load goes: the balancer, or the one instance. */
  readonly base: string;
  /** What is measured, in words, for the report. */
  readonly label: string;
  readonly instances: number;
  /** The instances' process ids (for their CPU time). */
  readonly pids: number[];
  /** Every instance's log lines. */
  readonly logs: string[];
  /** Each instance's share of the commands answered, from its logs. */
  answeredPerInstance(): number[];
  /** From now on, count the Redis commands served (when Redis is used). */
  markRedis(): Promise<void>;
  /** Redis commands served since `markRedis`, when Redis is used. */
  redisCommands(): Promise<RedisCommands | undefined>;
  /** SIGTERM (or `signal`) to every instance; 0 when all exit 0, else the first other code. */
  stop(signal?: NodeJS.Signals, timeoutMs?: number): Promise<number | string>;
  /** Stops whatever is left (SIGKILL), the balancer and a private Redis; deletes the run's keys. */
  cleanup(): Promise<void>;
}

export interface RedisCommands {
  /** Commands Redis served since the mark, all clients together. */
  total: number;
  /** True when the Redis is this run's own, so that `total` counts only Factdesk's commands. */
  exact: boolean;
  byCommand: Record<string, number>;
  /** Times an instance found Redis unreachable (too slow, say) and answered from its own state. */
  unreachable: number;
}

export async function startLoadTarget(
  args: readonly string[],
  env: Record<string, string>,
): Promise<LoadTarget> {
  const at = args.indexOf('--instances');
  const instances = at >= 0 ? Number(args[at + 1]) : 1;
  if (!Number.isInteger(instances) || instances < 1 || instances > 8) {
    throw new Error('--instances: expected a whole number from 1 to 8');
  }
  const useRedis = instances > 1 || args.includes('--redis');
  if (useRedis && !process.env.REDIS_URL && !HAS_REDIS_SERVER) {
    throw new Error(
      `${instances > 1 ? '--instances' : '--redis'} needs Redis: set REDIS_URL, or install redis-server`,
    );
  }
  const privateRedis = useRedis && !process.env.REDIS_URL ? await startPrivateRedis() : undefined;
  const redisUrl = useRedis ? (process.env.REDIS_URL ?? privateRedis?.url) : undefined;
  const prefix = `factdesk-load:${Date.now().toString(36)}:`;
  let before: Record<string, number> | undefined;

  let group: SlackInstances;
  try {
    group = await startSlackInstances(instances, {
      ...env,
      ...(redisUrl ? { REDIS_URL: redisUrl, KEY_PREFIX: prefix } : {}),
    });
  } catch (error) {
    await privateRedis?.stop();
    throw error;
  }
  const apps = group.instances.map((i) => i.app);
  const label =
    (instances === 1 ? '1 instance' : `${instances} instances behind a round-robin proxy`) +
    (redisUrl
      ? `, state in Redis (${privateRedis ? 'a private redis-server' : 'REDIS_URL'})`
      : ', in-process state');

  return {
    base: group.base,
    label,
    instances,
    pids: apps.map((app) => app.child.pid ?? 0),
    get logs() {
      return apps.flatMap((app) => app.logs);
    },
    answeredPerInstance: () =>
      apps.map((app) => app.logs.filter((l) => l.includes('"msg":"answered"')).length),
    async markRedis() {
      if (redisUrl) before = await commandStats(redisUrl);
    },
    async redisCommands() {
      if (!redisUrl || !before) return undefined;
      const after = await commandStats(redisUrl);
      const byCommand: Record<string, number> = {};
      for (const [name, calls] of Object.entries(after)) {
        const delta = calls - (before[name] ?? 0);
        if (delta > 0 && name !== 'info') byCommand[name] = delta;
      }
      const total = Object.values(byCommand).reduce((sum, n) => sum + n, 0);
      const unreachable = apps
        .flatMap((app) => app.logs)
        .filter((line) => line.includes('redis unreachable')).length;
      return { total, exact: privateRedis !== undefined, byCommand, unreachable };
    },
    async stop(signal = 'SIGTERM', timeoutMs) {
      const codes = await group.stop(signal, timeoutMs);
      return codes.find((code) => code !== 0) ?? 0;
    },
    async cleanup() {
      await group.stop('SIGKILL', 1000);
      if (redisUrl) await deleteKeys(redisUrl, prefix);
      await privateRedis?.stop();
    },
  };
}

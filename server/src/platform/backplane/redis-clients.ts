import { Cluster, Redis, type ClusterOptions, type RedisOptions } from 'ioredis';

/** One Redis, or a Redis Cluster: both speak the commands the backplane sends. */
export type RedisClient = Redis | Cluster;

/** `redis-cluster://[user:password@]host:port,host:port,…`: the startup nodes of a Redis Cluster. */
export const CLUSTER_PROTOCOL = 'redis-cluster:';
const NODE = /^([A-Za-z0-9._-]+):(\d{1,5})$/;

export interface ClusterTarget {
  nodes: Array<{ host: string; port: number }>;
  username?: string;
  password?: string;
}

/** The cluster named by a `redis-cluster://` URL; null for a plain `redis://` or `rediss://` one. Throws on a malformed list. */
export function clusterTarget(url: string): ClusterTarget | null {
  if (!url.startsWith(`${CLUSTER_PROTOCOL}//`)) return null;
  let rest = url.slice(CLUSTER_PROTOCOL.length + 2).replace(/\/$/, '');
  let username: string | undefined;
  let password: string | undefined;
  const at = rest.lastIndexOf('@');
  if (at >= 0) {
    const [user, pass] = splitOnce(rest.slice(0, at), ':');
    username = user ? decodeURIComponent(user) : undefined;
    password = pass !== undefined ? decodeURIComponent(pass) : undefined;
    rest = rest.slice(at + 1);
  }
  const nodes = rest.split(',').map((node) => {
    const match = NODE.exec(node);
    if (!match) throw new Error(`${CLUSTER_PROTOCOL}// expects host:port,host:port,… (got a node "${node}")`);
    return { host: match[1]!, port: Number(match[2]) };
  });
  return { nodes, username, password };
}

/** Where the backplane connects, for messages: never the password. */
export function describeTarget(url: string): string {
  const cluster = clusterTarget(url);
  if (cluster) return `the Redis Cluster at ${cluster.nodes.map((n) => `${n.host}:${n.port}`).join(',')}`;
  const { hostname, port } = new URL(url);
  return `Redis at ${hostname}:${port || '6379'}`;
}

/**
 * A client for `url`, not yet connected (lazyConnect). `failFast`: commands fail at once while the
 * target is away (no offline queue, no retry, a timeout), which is what the command connection
 * wants; the subscriber instead waits and re-subscribes after a reconnect.
 */
export function createRedisClient(url: string, failFast: { commandTimeoutMs: number } | null): RedisClient {
  const retry = (times: number) => Math.min(times * 100, 2_000);
  const cluster = clusterTarget(url);
  const perConnection: RedisOptions = failFast
    ? { maxRetriesPerRequest: 0, autoResendUnfulfilledCommands: false, commandTimeout: failFast.commandTimeoutMs }
    : { maxRetriesPerRequest: null };
  if (!cluster) {
    return new Redis(url, {
      lazyConnect: true,
      retryStrategy: retry,
      enableOfflineQueue: !failFast,
      enableAutoPipelining: Boolean(failFast),
      ...perConnection,
    });
  }
  const options: ClusterOptions = {
    lazyConnect: true,
    clusterRetryStrategy: retry,
    enableOfflineQueue: !failFast,
    // No auto-pipelining: ioredis batches by the slot it finds for a command, and a script called
    // with a variable key count (consumeAll) gets none, so the batch is refused ("All keys in the
    // pipeline should belong to the same slots allocation group"). Commands still share each node's socket.
    enableAutoPipelining: false,
    // A node that went away is retried, not only rediscovered through MOVED (a master restarting in place).
    clusterNodeRetryStrategy: retry,
    redisOptions: { ...perConnection, username: cluster.username, password: cluster.password },
    // Fail fast also across a failover: at most 4 redirections or retries of a closed connection, not 16.
    ...(failFast ? { maxRedirections: 4, retryDelayOnFailover: 100, retryDelayOnClusterDown: 100 } : {}),
  };
  return new Cluster(cluster.nodes, options);
}

/** Rejects unless every connection answers: the one Redis, or each master of the cluster. */
export async function pingAll(client: RedisClient): Promise<void> {
  if (client instanceof Cluster) {
    const masters = client.nodes('master');
    if (masters.length === 0) throw new Error('the cluster has no master connected');
    await Promise.all(masters.map((node) => node.ping()));
  } else {
    await client.ping();
  }
}

function splitOnce(value: string, separator: string): [string, string | undefined] {
  const at = value.indexOf(separator);
  return at < 0 ? [value, undefined] : [value.slice(0, at), value.slice(at + 1)];
}

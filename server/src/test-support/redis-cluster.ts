import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort, tryConnect, waitFor } from './server-process.js';

const run = promisify(execFile);

/**
 * A REAL Redis Cluster for tests: three masters (no replicas) from Debian's `redis-server`, each
 * on free ports of its own with `cluster-enabled yes` and a temp dir, joined by
 * `redis-cli --cluster create … --cluster-replicas 0 --cluster-yes`; resolves once every node
 * reports `cluster_state:ok` with all 16384 slots assigned.
 *
 * API:
 *   const cluster = await startRedisCluster();
 *   cluster.nodes  // ['127.0.0.1:p1', '127.0.0.1:p2', '127.0.0.1:p3'], the masters (REDIS_CLUSTER_NODES form, comma-joined)
 *   cluster.url    // 'redis-cluster://127.0.0.1:p1,127.0.0.1:p2,127.0.0.1:p3' (a REDIS_URL the server accepts)
 *   cluster.ports  // [p1, p2, p3]
 *   await cluster.stop()  // kills the three processes and removes their dirs; safe to call twice
 * The processes are also killed if the test process exits without calling stop().
 * Binaries: REDIS_SERVER_BIN (default /usr/bin/redis-server), REDIS_CLI_BIN (default /usr/bin/redis-cli).
 */
export interface RedisCluster {
  nodes: string[];
  url: string;
  ports: number[];
  stop(): Promise<void>;
}

const MASTERS = 3;

export async function startRedisCluster(
  serverBin = process.env.REDIS_SERVER_BIN ?? '/usr/bin/redis-server',
  cliBin = process.env.REDIS_CLI_BIN ?? '/usr/bin/redis-cli',
): Promise<RedisCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'tollgate-redis-cluster-'));
  const children: ChildProcess[] = [];
  const ports: number[] = [];
  const killAll = () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  // A test run that dies without stop() must not leave three redis-servers behind.
  process.once('exit', killAll);
  const stop = async () => {
    process.off('exit', killAll);
    const closed = children.map((c) => (c.exitCode === null && c.signalCode === null ? new Promise<void>((r) => c.once('close', () => r())) : undefined));
    killAll();
    await Promise.all(closed);
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < MASTERS; i++) {
      // The cluster bus gets its own free port (cluster-port): the default, port + 10000, may be taken or past 65535.
      const [port, busPort] = [await freePort(), await freePort()];
      const nodeDir = mkdtempSync(join(dir, `node-${i}-`));
      const child = spawn(
        serverBin,
        [
          '--port', String(port), '--bind', '127.0.0.1', '--cluster-enabled', 'yes', '--cluster-port', String(busPort),
          '--cluster-config-file', join(nodeDir, 'nodes.conf'), '--cluster-node-timeout', '5000', '--dir', nodeDir,
          '--save', '', '--appendonly', 'no',
        ],
        { stdio: 'ignore' },
      );
      children.push(child);
      ports.push(port);
    }
    for (const port of ports) await waitFor(async () => (await tryConnect(port)) === 'accepted', `cluster redis-server on port ${port}`, 10_000);
    const nodes = ports.map((port) => `127.0.0.1:${port}`);
    await run(cliBin, ['--cluster', 'create', ...nodes, '--cluster-replicas', '0', '--cluster-yes'], { timeout: 30_000 });
    const ok = async (port: number) => {
      const { stdout } = await run(cliBin, ['-p', String(port), 'cluster', 'info']).catch(() => ({ stdout: '' }));
      return stdout.includes('cluster_state:ok') && stdout.includes('cluster_slots_ok:16384') && stdout.includes(`cluster_known_nodes:${MASTERS}`);
    };
    await waitFor(async () => (await Promise.all(ports.map(ok))).every(Boolean), 'the Redis Cluster to report cluster_state:ok on every node', 30_000, 200);
    return { nodes, url: `redis-cluster://${nodes.join(',')}`, ports, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

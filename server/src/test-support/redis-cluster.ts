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
 *   await cluster.stopNode(i) / await cluster.startNode(i)  // kill master i (SIGKILL) / start it again on its port
 *                         // with its nodes.conf, so it rejoins with its slots; resolves once cluster_state:ok (outage tests)
 *   await cluster.stop()  // kills the three processes and removes their dirs; safe to call twice
 * The processes are also killed if the test process exits without calling stop().
 * Binaries: REDIS_SERVER_BIN (default /usr/bin/redis-server), REDIS_CLI_BIN (default /usr/bin/redis-cli).
 */
export interface RedisCluster {
  nodes: string[];
  url: string;
  ports: number[];
  stopNode(index: number): Promise<void>;
  startNode(index: number): Promise<void>;
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
  const argsOf: string[][] = [];
  const running = (c: ChildProcess) => c.exitCode === null && c.signalCode === null;
  const kill = async (c: ChildProcess) => {
    if (!running(c)) return;
    const closed = new Promise<void>((resolve) => c.once('close', () => resolve()));
    c.kill('SIGKILL');
    await closed;
  };
  const killAll = () => {
    for (const child of children) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  };
  // A test run that dies without stop() must not leave three redis-servers behind.
  process.once('exit', killAll);
  const stop = async () => {
    process.off('exit', killAll);
    await Promise.all(children.map(kill));
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (let i = 0; i < MASTERS; i++) {
      // The cluster bus gets its own free port (cluster-port): the default, port + 10000, may be taken or past 65535.
      const [port, busPort] = [await freePort(), await freePort()];
      const nodeDir = mkdtempSync(join(dir, `node-${i}-`));
      argsOf.push([
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--cluster-enabled',
        'yes',
        '--cluster-port',
        String(busPort),
        '--cluster-config-file',
        join(nodeDir, 'nodes.conf'),
        '--cluster-node-timeout',
        '5000',
        '--dir',
        nodeDir,
        '--save',
        '',
        '--appendonly',
        'no',
      ]);
      children.push(spawn(serverBin, argsOf[i]!, { stdio: 'ignore' }));
      ports.push(port);
    }
    for (const port of ports) await waitFor(async () => (await tryConnect(port)) === 'accepted', `cluster redis-server on port ${port}`, 10_000);
    const nodes = ports.map((port) => `127.0.0.1:${port}`);
    await run(cliBin, ['--cluster', 'create', ...nodes, '--cluster-replicas', '0', '--cluster-yes'], { timeout: 30_000 });
    const ok = async (port: number) => {
      const { stdout } = await run(cliBin, ['-p', String(port), 'cluster', 'info']).catch(() => ({ stdout: '' }));
      return stdout.includes('cluster_state:ok') && stdout.includes('cluster_slots_ok:16384') && stdout.includes(`cluster_known_nodes:${MASTERS}`);
    };
    const allOk = () =>
      waitFor(async () => (await Promise.all(ports.map(ok))).every(Boolean), 'the Redis Cluster to report cluster_state:ok on every node', 30_000, 200);
    await allOk();
    const stopNode = async (index: number) => kill(children[index]!);
    const startNode = async (index: number) => {
      if (running(children[index]!)) return;
      children[index] = spawn(serverBin, argsOf[index]!, { stdio: 'ignore' });
      await waitFor(async () => (await tryConnect(ports[index]!)) === 'accepted', `cluster redis-server on port ${ports[index]}`, 10_000);
      await allOk();
    };
    return { nodes, url: `redis-cluster://${nodes.join(',')}`, ports, stopNode, startNode, stop };
  } catch (err) {
    await stop();
    throw err;
  }
}

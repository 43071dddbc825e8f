#!/usr/bin/env node
// `pnpm start`: builds each package whose sources changed since its last build (in dependency
// order), then runs the server, which serves the built SPA on the same port. A warm start with
// nothing changed skips straight to the server.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const packages = [
  { name: '@tollgate/shared', dir: 'shared', inputs: ['src', 'package.json', 'tsconfig.json'] },
  { name: '@tollgate/server', dir: 'server', inputs: ['src', 'package.json', 'tsconfig.json'] },
  { name: '@tollgate/web', dir: 'web', inputs: ['src', 'index.html', 'package.json', 'vite.config.ts', '../schema.graphql'] },
];

function newest(path) {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let max = stat.mtimeMs;
  for (const entry of readdirSync(path)) {
    if (entry === 'node_modules' || entry === 'gql' || entry === '__tests__') continue;
    max = Math.max(max, newest(join(path, entry)));
  }
  return max;
}

let upstreamRebuilt = false;
for (const pkg of packages) {
  const stamp = join(root, pkg.dir, 'dist', '.build-stamp');
  const built = existsSync(stamp) ? statSync(stamp).mtimeMs : 0;
  const changed = Math.max(...pkg.inputs.map((p) => newest(join(root, pkg.dir, p))));
  if (!upstreamRebuilt && built > changed) continue;
  console.log(`[start] building ${pkg.name}`);
  const result = spawnSync('pnpm', ['--filter', pkg.name, 'run', 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
  writeFileSync(stamp, new Date().toISOString());
  upstreamRebuilt = true;
}

const server = spawn(process.execPath, ['--enable-source-maps', join(root, 'server/dist/index.js')], { cwd: root, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));

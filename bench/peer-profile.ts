import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The functions that used the most CPU in a `node --cpu-prof` profile (PEER_CPU_PROF), by self time:
 * samples whose top frame is the function, summed over every node with the same name and place.
 * Only samples inside `windows` count (µs on the monotonic clock, which V8's profile timestamps
 * and the parent's process.hrtime share on Linux): the rounds where Tollgate itself was loaded.
 */
interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

export function topSelfTime(dir: string, windows: Array<[number, number]>, count = 20): string {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => join(dir, f));
  if (!files.length) return `no .cpuprofile in ${dir}`;
  const newest = files.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs)[0]!;
  const profile = JSON.parse(readFileSync(newest, 'utf8')) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[]; startTime: number };
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  const groups = new Map<string, number>();
  let total = 0;
  let at = profile.startTime;
  profile.samples.forEach((id, i) => {
    const us = profile.timeDeltas[i] ?? 0;
    at += us;
    if (!windows.some(([from, to]) => at >= from && at <= to)) return;
    const frame = byId.get(id)!.callFrame;
    total += us;
    const place = frame.url
      ? `${frame.url.replace(/^file:\/\/.*\/node_modules\//, '').replace(/^file:\/\/.*\/server\/dist\//, 'dist/')}:${frame.lineNumber + 1}`
      : '';
    const key = `${frame.functionName || '(anonymous)'} ${place}`.trim();
    self.set(key, (self.get(key) ?? 0) + us);
    const group = groupOf(frame.url, frame.functionName);
    groups.set(group, (groups.get(group) ?? 0) + us);
  });
  const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, count);
  return [
    `CPU profile ${newest}: ${(total / 1e6).toFixed(1)} s sampled during Tollgate's rounds at 32 in flight, top ${count} by self time:`,
    ...rows.map(([k, us]) => `  ${((100 * us) / total).toFixed(1).padStart(5)}%  ${(us / 1e6).toFixed(2).padStart(6)} s  ${k}`),
    'The same samples by package (node_modules), Tollgate module (dist/…), Node internals or native code:',
    ...[...groups.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 15)
      .map(([k, us]) => `  ${((100 * us) / total).toFixed(1).padStart(5)}%  ${k}`),
  ].join('\n');
}

/** Where a frame's code lives: an npm package, a Tollgate module folder, Node's own JavaScript, or native/VM work. */
function groupOf(url: string, name: string): string {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)\/(?!.*node_modules)/.exec(url);
  if (pkg) return pkg[1]!;
  const mod = /\/dist\/(modules\/[^/]+|platform|[^/]+\.js)/.exec(url);
  if (mod) return `tollgate ${mod[1]}`;
  if (url.startsWith('node:')) return 'node internals (JavaScript)';
  if (!url) return /^\(/.test(name) ? name : 'native (syscalls and builtins, e.g. writev)';
  return url;
}

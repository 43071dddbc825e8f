/**
 * The suite-wide check that no log line of any test server holds any secret a test created.
 * Runs once, in global-setup's teardown, over the run's log files and secrets registry.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface Leak {
  file: string;
  line: number;
  /** The secret's first and last characters only: the report must not leak it again. */
  secret: string;
  excerpt: string;
}

export interface LogScanResult {
  runDir: string;
  files: number;
  lines: number;
  bytes: number;
  secrets: number;
  leaks: Leak[];
  ms: number;
}

const WINDOW = 8;
const hint = (secret: string) => `${secret.slice(0, 3)}…${secret.slice(-2)} (${secret.length} chars)`;

function readSecrets(dir: string): string[] {
  if (!existsSync(dir)) return [];
  const secrets = new Set<string>();
  for (const name of readdirSync(dir)) {
    for (const line of readFileSync(join(dir, name), 'utf8').split('\n')) {
      if (!line) continue;
      const secret = JSON.parse(line) as string;
      secrets.add(secret);
      secrets.add(JSON.stringify(secret).slice(1, -1)); // as it would appear inside a JSON log line
    }
  }
  return [...secrets];
}

/**
 * Every log line against every secret. Secrets are indexed by their last eight characters (the
 * random end of a token, key or hash), so each line costs one map lookup per character, not one
 * search per secret; a window hit is then confirmed against the whole secret.
 */
export function scanRun(runDir: string): LogScanResult {
  const started = Date.now();
  const secrets = readSecrets(join(runDir, 'secrets'));
  const byWindow = new Map<string, string[]>();
  for (const secret of secrets) {
    const window = secret.slice(-WINDOW);
    byWindow.set(window, [...(byWindow.get(window) ?? []), secret]);
  }
  const logDir = join(runDir, 'logs');
  const names = existsSync(logDir) ? readdirSync(logDir) : [];
  const leaks: Leak[] = [];
  let lines = 0;
  let bytes = 0;
  for (const name of names) {
    const path = join(logDir, name);
    bytes += statSync(path).size;
    const fileLines = readFileSync(path, 'utf8').split('\n');
    for (const [index, line] of fileLines.entries()) {
      if (!line) continue;
      lines += 1;
      const found = new Set<string>();
      for (let i = 0; i + WINDOW <= line.length; i += 1) {
        const candidates = byWindow.get(line.slice(i, i + WINDOW));
        if (!candidates) continue;
        for (const secret of candidates) {
          if (!found.has(secret) && i + WINDOW >= secret.length && line.startsWith(secret, i + WINDOW - secret.length)) {
            found.add(secret);
            const at = i + WINDOW - secret.length;
            leaks.push({
              file: name,
              line: index + 1,
              secret: hint(secret),
              excerpt: `${line.slice(Math.max(0, at - 80), at)}[SECRET]${line.slice(i + WINDOW, i + WINDOW + 80)}`,
            });
          }
        }
      }
    }
  }
  return { runDir, files: names.length, lines, bytes, secrets: secrets.length, leaks, ms: Date.now() - started };
}

/**
 * The suite-wide log check's two halves inside a test worker: every test server writes its log
 * lines to a file of the run, and every secret a test creates is appended to the run's registry.
 * After all files ran, global-setup's teardown scans every line for every secret (log-scan.ts).
 */
import { appendFileSync, createWriteStream, mkdirSync, readFileSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pino } from 'pino';

const SERVER_DIR = fileURLToPath(new URL('../../', import.meta.url));
export const LOGS_ROOT = join(SERVER_DIR, 'test-output/logs');
/** Set by global-setup for the run (inherited by the workers); a run outside vitest writes here. */
export const RUN_DIR_VARIABLE = 'TOLLGATE_TEST_RUN_DIR';

export function runDir(): string {
  return process.env[RUN_DIR_VARIABLE] ?? join(LOGS_ROOT, 'adhoc');
}

let files = 0;
function nextLogFile(kind: string): string {
  const dir = join(runDir(), 'logs');
  mkdirSync(dir, { recursive: true });
  files += 1;
  return join(dir, `${kind}-${process.pid}-${files}.log`);
}

export interface TestLogFile {
  path: string;
  stream: ReturnType<typeof pino.destination>;
  /** Every line written so far. */
  lines(): string[];
  close(): Promise<void>;
}

/** A buffered file destination for one in-process test server's logger. */
export function testLogDestination(kind = 'app'): TestLogFile {
  const path = nextLogFile(kind);
  // Asynchronous and buffered (sonic-boom): logging every request costs the suite next to nothing.
  const stream = pino.destination({ dest: path, sync: false, minLength: 8 * 1024 });
  return {
    path,
    stream,
    lines() {
      stream.flushSync();
      return readFileSync(path, 'utf8').split('\n').filter(Boolean);
    },
    close() {
      return new Promise((resolve) => {
        stream.once('close', () => resolve());
        stream.end();
      });
    },
  };
}

/** A file a child server's stdout lines are copied to. */
export function testLogSink(kind = 'proc'): WriteStream {
  return createWriteStream(nextLogFile(kind), { flags: 'a' });
}

const recorded = new Set<string>();
/**
 * Shorter or plainer strings ("aaaaaaaa", a word a fuzzer tried) could turn up in a log by chance;
 * every secret this suite makes is longer and more varied than that.
 */
const worthScanning = (value: string) => value.length >= 8 && new Set(value).size >= 6;

/** Adds secrets to the run's registry (one file per worker; duplicates skipped). */
export function recordSecret(...values: Array<string | null | undefined>): void {
  const fresh = values.filter((v): v is string => typeof v === 'string' && worthScanning(v) && !recorded.has(v));
  if (fresh.length === 0) return;
  for (const value of fresh) recorded.add(value);
  const dir = join(runDir(), 'secrets');
  mkdirSync(dir, { recursive: true });
  appendFileSync(join(dir, `${process.pid}.txt`), fresh.map((v) => `${JSON.stringify(v)}\n`).join(''));
}

const SENT_SECRETS = new Set(['password', 'newPassword', 'currentPassword', 'apiKey']);
const ISSUED_SECRETS = new Set(['token', 'secret']);

function collect(value: unknown, keys: Set<string>, into: string[], depth = 0): string[] {
  if (value === null || typeof value !== 'object' || depth > 6) return into;
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === 'string' && keys.has(key)) into.push(item);
    else collect(item, keys, into, depth + 1);
  }
  return into;
}

/**
 * What one GraphQL exchange made secret: the tokens and API key secrets it issued, and the
 * passwords and provider keys it sent when the server accepted them (a refused one, such as a
 * fuzzer's string, is not an account's secret; the focused leak test records its wrong passwords).
 */
export function recordExchange(variables: unknown, credential: string | undefined, data: unknown, errors: unknown): void {
  const issued = collect(data, ISSUED_SECRETS, []);
  const accepted = data !== null && data !== undefined && !errors;
  recordSecret(credential, ...issued, ...(accepted || issued.length > 0 ? collect(variables, SENT_SECRETS, []) : []));
}

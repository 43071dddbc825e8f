import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../config.js';

const DATA_DIR = '/nonexistent/tollgate-config-test';
const GOOD_SECRET = 'x'.repeat(40);
const PRODUCTION = {
  NODE_ENV: 'production',
  JWT_SECRET: GOOD_SECRET,
  TOLLGATE_ENCRYPTION_KEY: 'ab'.repeat(32),
  DATABASE_URL: 'postgres://tollgate:pw@db.internal:5432/tollgate',
  ADMIN_EMAIL: 'root@example.com',
  ADMIN_PASSWORD: 'admin-pass-12345',
};

const load = (env: Record<string, string>) => loadConfig(env, { dataDir: DATA_DIR });

/** The ConfigError a bad environment must raise. */
function refusal(env: Record<string, string>): ConfigError {
  try {
    load(env);
  } catch (err) {
    expect(err).toBeInstanceOf(ConfigError);
    return err as ConfigError;
  }
  throw new Error(`expected ${JSON.stringify(env)} to be refused`);
}

/** The variables a refusal names, in the `NAME: problem` form it prints. */
const named = (err: ConfigError) => err.problems.map((p) => p.split(':')[0]).sort();

describe('loadConfig', () => {
  it('starts with no environment at all, on the documented defaults', () => {
    const config = load({});
    expect(config).toMatchObject({
      NODE_ENV: 'development',
      PORT: 4000,
      CREDIT_USD: '0.01',
      SIGNUP_BONUS_CREDITS: '10',
      LOG_LEVEL: 'info',
      admin: null,
      dataDir: DATA_DIR,
    });
    expect(config.REDIS_URL).toBeUndefined();
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.JWT_SECRET).toBeUndefined();
  });

  it('reads the values it is given', () => {
    const config = load({
      PORT: '8080',
      DATABASE_URL: 'postgresql://u:p@localhost/db',
      REDIS_URL: 'redis://localhost:6379',
      CREDIT_USD: '0.000001',
      TOLLGATE_DATA_DIR: '/var/lib/tollgate',
      ADMIN_EMAIL: 'root@example.com',
      ADMIN_PASSWORD: 'admin-pass-12345',
    });
    expect(config).toMatchObject({
      PORT: 8080,
      DATABASE_URL: 'postgresql://u:p@localhost/db',
      REDIS_URL: 'redis://localhost:6379',
      CREDIT_USD: '0.000001',
      dataDir: '/var/lib/tollgate',
      admin: { email: 'root@example.com', password: 'admin-pass-12345' },
    });
  });

  it('treats an empty DATABASE_URL or REDIS_URL as unset', () => {
    const config = load({ DATABASE_URL: '', REDIS_URL: '' });
    expect(config.DATABASE_URL).toBeUndefined();
    expect(config.REDIS_URL).toBeUndefined();
  });

  it('treats an empty number (PORT=, SHUTDOWN_GRACE_MS=) as unset, not as 0', () => {
    const config = load({ PORT: '', SHUTDOWN_GRACE_MS: '' });
    expect(config.PORT).toBe(4000);
    expect(config.SHUTDOWN_GRACE_MS).toBe(10_000);
  });

  it.each(['abc', '70000', '-1', '80.5'])('refuses PORT=%s, naming PORT and what it got', (value) => {
    const err = refusal({ PORT: value });
    expect(named(err)).toEqual(['PORT']);
    expect(err.message).toContain('PORT');
    expect(err.message).toContain(JSON.stringify(value));
  });

  it.each(['mysql://x', 'not a url', 'postgres://', 'redis://localhost:6379'])('refuses DATABASE_URL=%s, naming DATABASE_URL', (value) => {
    const err = refusal({ DATABASE_URL: value });
    expect(named(err)).toEqual(['DATABASE_URL']);
    expect(err.message).toContain('DATABASE_URL');
  });

  it('refuses a REDIS_URL that is not redis:// or rediss://', () => {
    expect(named(refusal({ REDIS_URL: 'http://localhost:6379' }))).toEqual(['REDIS_URL']);
  });

  it('refuses a short JWT_SECRET without echoing it', () => {
    const secret = 'hunter2-but-longer';
    const err = refusal({ JWT_SECRET: secret });
    expect(named(err)).toEqual(['JWT_SECRET']);
    expect(err.message).toContain('JWT_SECRET');
    expect(err.message).not.toContain(secret);
    expect(err.problems.join('\n')).not.toContain(secret);
  });

  it('refuses a malformed TOLLGATE_ENCRYPTION_KEY without echoing it', () => {
    const key = 'not-hex-'.repeat(8);
    const err = refusal({ TOLLGATE_ENCRYPTION_KEY: key });
    expect(named(err)).toEqual(['TOLLGATE_ENCRYPTION_KEY']);
    expect(err.message).not.toContain(key);
  });

  it('refuses ADMIN_EMAIL without ADMIN_PASSWORD, naming ADMIN_PASSWORD', () => {
    const err = refusal({ ADMIN_EMAIL: 'root@example.com' });
    expect(named(err)).toEqual(['ADMIN_PASSWORD']);
  });

  it('refuses ADMIN_PASSWORD without ADMIN_EMAIL, naming ADMIN_EMAIL and not echoing the password', () => {
    const err = refusal({ ADMIN_PASSWORD: 'lonely-password-123' });
    expect(named(err)).toEqual(['ADMIN_EMAIL']);
    expect(err.message).not.toContain('lonely-password-123');
  });

  it('refuses production without its secrets and database, naming every one missing', () => {
    const err = refusal({ NODE_ENV: 'production' });
    expect(named(err)).toEqual(['ADMIN_EMAIL', 'ADMIN_PASSWORD', 'DATABASE_URL', 'JWT_SECRET', 'TOLLGATE_ENCRYPTION_KEY']);
    for (const problem of err.problems) expect(problem).toMatch(/required when NODE_ENV=production/);
  });

  it.each(Object.keys(PRODUCTION).filter((k) => k !== 'NODE_ENV'))('refuses production with only %s missing', (missing) => {
    const env: Record<string, string> = { ...PRODUCTION };
    delete env[missing];
    const err = refusal(env);
    // The admin pair is also reported as "set together", naming the same variable.
    expect(new Set(named(err))).toEqual(new Set([missing]));
  });

  it('starts production when everything required is set', () => {
    const config = load(PRODUCTION);
    expect(config.NODE_ENV).toBe('production');
    expect(config.admin).toEqual({ email: PRODUCTION.ADMIN_EMAIL, password: PRODUCTION.ADMIN_PASSWORD });
  });

  it.each(['0', '0.000000', '1.1234567', 'abc', '-1', '1e-3'])('refuses CREDIT_USD=%s', (value) => {
    expect(named(refusal({ CREDIT_USD: value }))).toEqual(['CREDIT_USD']);
  });

  it.each(['0.000001', '2', '0.5'])('accepts CREDIT_USD=%s as the exact decimal string', (value) => {
    expect(load({ CREDIT_USD: value }).CREDIT_USD).toBe(value);
  });

  it('reports every problem at once, not just the first', () => {
    const err = refusal({ PORT: 'abc', DATABASE_URL: 'mysql://x', CREDIT_USD: '0' });
    expect(named(err)).toEqual(['CREDIT_USD', 'DATABASE_URL', 'PORT']);
  });
});

const SERVER_DIR = fileURLToPath(new URL('../../../', import.meta.url));
const SERVER_ENTRY = join(SERVER_DIR, 'dist/index.js');

describe('the built server with a bad environment', () => {
  const dirs: string[] = [];
  beforeAll(() => {
    if (!existsSync(SERVER_ENTRY)) execFileSync('pnpm', ['--filter', '@tollgate/server', 'build'], { cwd: SERVER_DIR, stdio: 'inherit' });
  });
  afterAll(() => {
    for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    ['PORT', 'abc'],
    ['DATABASE_URL', 'mysql://nope'],
  ])('exits non-zero naming %s=%s, before starting any database', async (name, value) => {
    const dataDir = mkdtempSync(join(tmpdir(), 'tollgate-config-'));
    dirs.push(dataDir);
    // Only what the process needs: nothing inherited may supply a good DATABASE_URL or PORT.
    const env = { PATH: process.env.PATH, TOLLGATE_DATA_DIR: dataDir, LOG_LEVEL: 'info', [name]: value };
    const result = await run(process.execPath, [SERVER_ENTRY], env, 15_000);
    expect(result.signal).toBeNull();
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain(name);
    expect(result.stderr).toContain(value);
    expect(existsSync(join(dataDir, 'pg'))).toBe(false);
    expect(readdirSync(dataDir)).toEqual([]);
  });
});

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs a process to its end; one still running after `boundMs` is killed and fails the test. */
function run(command: string, args: string[], env: NodeJS.ProcessEnv, boundMs: number): Promise<Exit> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`still running after ${boundMs} ms; it should have refused its configuration.\nstdout: ${stdout}\nstderr: ${stderr}`));
    }, boundMs);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, stdout, stderr });
    });
  });
}

import { randomBytes } from 'node:crypto';
import { request, type IncomingHttpHeaders } from 'node:http';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { createTestDatabase, withClient } from '../../test-support/database.js';
import { startServerProcess, tryConnect, waitFor, within, type ServerProcess } from '../../test-support/server-process.js';

const ADMIN = { email: `admin-${randomBytes(4).toString('hex')}@tollgate.test`, password: 'admin-pass-12345' };
const PASSWORD = 'correct-horse-7';
const SIGN_UP = 'mutation($input: SignUpInput!) { signUp(input: $input) { token user { email } } }';
const SIGN_IN = 'mutation($input: SignInInput!) { signIn(input: $input) { token user { email } } }';
// A fresh client address per run (the server trusts X-Forwarded-For from loopback), so a Redis
// kept between runs never carries this run's sign-up attempts into the next one's limit.
const CLIENT_IP = `10.${[1, 2, 3].map(() => randomBytes(1)[0]!).join('.')}`;

let db: Awaited<ReturnType<typeof createTestDatabase>>;
let server: ServerProcess;

beforeAll(async () => {
  db = await createTestDatabase();
  server = await startServerProcess({ databaseUrl: db.url, redisUrl: inject('redisUrl'), adminEmail: ADMIN.email, adminPassword: ADMIN.password });
});

afterAll(async () => {
  await server?.kill();
  await db?.drop();
});

describe('graceful shutdown on SIGTERM', () => {
  it('finishes every in-flight request, refuses new connections, closes the database and exits 0', async () => {
    const emails = [1, 2, 3].map((n) => `drain-${n}-${randomBytes(4).toString('hex')}@example.com`);
    const held = [
      ...emails.map((email) => holdRequest(server.port, { query: SIGN_UP, variables: { input: { email, password: PASSWORD } } })),
      ...[1, 2, 3].map(() => holdRequest(server.port, { query: SIGN_IN, variables: { input: ADMIN } })),
    ];
    // Each server has parsed its request's headers and handed it to the app; the bodies are still to come.
    await within(Promise.all(held.map((h) => h.accepted)), 'the server to accept the held requests', 10_000);

    server.child.kill('SIGTERM');
    await waitFor(() => server.logs.some((l) => l.msg === 'shutting down: draining in-flight requests'), 'the draining log line');

    // The held requests keep the process alive, so a refusal now is the listener closing, not the process dying.
    await waitFor(async () => (await tryConnect(server.port)) === 'refused', 'new connections to be refused');
    expect(
      { exitCode: server.child.exitCode, signal: server.child.signalCode },
      `the process ended while requests were still in flight; its last logs:\n${server.logs
        .slice(-3)
        .map((l) => JSON.stringify(l))
        .join('\n')}`,
    ).toEqual({ exitCode: null, signal: null });

    for (const h of held) h.sendBody();
    const responses = await within(Promise.all(held.map((h) => h.response)), 'the held requests to be answered', 20_000);
    for (const res of responses) {
      expect(res.status).toBe(200);
      expect(res.body.errors).toBeUndefined();
    }
    expect(responses.slice(0, 3).map((r) => r.body.data.signUp.user.email)).toEqual(emails);
    for (const res of responses.slice(3)) expect(res.body.data.signIn.token).toEqual(expect.any(String));

    const exit = await within(server.exited, 'the process to exit', 30_000);
    expect(exit, `stderr: ${server.stderr()}`).toEqual({ code: 0, signal: null });
    expect(server.logs.map((l) => l.msg)).toContain('shut down cleanly');
    expect(
      server.logs.filter((l) => (l.level ?? 0) >= 50),
      'no error logs',
    ).toEqual([]);

    const name = new URL(db.url).pathname.slice(1);
    const connections = () =>
      withClient(db.url, async (c) =>
        Number((await c.query('select count(*) from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()', [name])).rows[0].count),
      );
    await waitFor(async () => (await connections()) === 0, 'the server’s database connections to be gone');
    // The sign-ups that arrived during the drain were committed, not lost.
    const users = await withClient(db.url, async (c) => (await c.query('select email from app_user where email = any($1)', [emails])).rows);
    expect(users).toHaveLength(3);
  });
});

interface HeldRequest {
  /** Resolves once the server has read the headers and answered `100 Continue`. */
  accepted: Promise<void>;
  sendBody(): void;
  response: Promise<{ status: number; headers: IncomingHttpHeaders; body: any }>;
}

/**
 * A GraphQL POST that is provably in flight: it announces `Expect: 100-continue`, and the body is
 * held back until the test says so. Node's server answers 100 only once the request has been
 * accepted and handed to the app, so no guess about timing decides whether it was in flight.
 */
function holdRequest(port: number, payload: unknown): HeldRequest {
  const body = JSON.stringify(payload);
  const req = request({
    host: '127.0.0.1',
    port,
    path: '/graphql',
    method: 'POST',
    agent: false,
    headers: {
      'content-type': 'application/json',
      'content-length': Buffer.byteLength(body),
      expect: '100-continue',
      'x-forwarded-for': CLIENT_IP,
    },
  });
  let accept!: () => void;
  const accepted = new Promise<void>((resolve) => (accept = resolve));
  const response = new Promise<{ status: number; headers: IncomingHttpHeaders; body: any }>((resolve, reject) => {
    req.on('continue', () => accept());
    req.on('error', reject);
    req.on('response', (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => (text += chunk));
      res.on('error', reject);
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: JSON.parse(text) });
        } catch {
          reject(new Error(`not JSON (status ${res.statusCode}): ${text}`));
        }
      });
    });
  });
  response.catch(() => undefined); // observed through `response`; never an unhandled rejection meanwhile
  req.flushHeaders();
  return { accepted, sendBody: () => req.end(body), response };
}

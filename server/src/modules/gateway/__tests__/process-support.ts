/** Clients for a Tollgate child process (test-support/server-process.ts): users, streams, and the ledger's state read from its database. */
import { randomBytes } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { auditLedger } from '../../ledger/index.js';
import { SqlPool } from '../../../platform/sql.js';
import { withClient } from '../../../test-support/database.js';
import type { ServerProcess } from '../../../test-support/server-process.js';
import { CREATE_KEY, GOOD_PASSWORD, SIGN_IN, SIGN_UP, uniqueEmail } from '../../auth/__tests__/helpers.js';

const STREAM = 'subscription($i: CompletionInput!) { completionStream(input: $i) { delta done charged } }';

/** A client address of its own per user: sign-up is limited per IP, and a shared Redis keeps counts between runs. */
const randomIp = () => `10.${[1, 2, 3].map(() => randomBytes(1)[0]!).join('.')}`;

export async function gql(
  server: ServerProcess,
  query: string,
  variables: object = {},
  token?: string,
  init: { ip?: string; signal?: AbortSignal } = {},
): Promise<any> {
  const res = await fetch(`${server.url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-forwarded-for': init.ip ?? randomIp(), ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
    signal: init.signal,
  });
  return res.json();
}

export function data(body: any, field: string): any {
  if (!body?.data?.[field]) throw new Error(`${field} failed: ${JSON.stringify(body?.errors)}`);
  return body.data[field];
}

export interface ProcUser {
  id: string;
  token: string;
}

export async function signUpUser(server: ServerProcess, tag: string): Promise<ProcUser> {
  const payload = data(await gql(server, SIGN_UP, { input: { email: uniqueEmail(tag), password: GOOD_PASSWORD } }), 'signUp');
  return { id: payload.user.id, token: payload.token };
}

export async function signInAdmin(server: ServerProcess): Promise<string> {
  return data(await gql(server, SIGN_IN, { input: { email: server.env.ADMIN_EMAIL, password: server.env.ADMIN_PASSWORD } }), 'signIn').token;
}

export async function setTier(server: ServerProcess, admin: string, userId: string, tier: string): Promise<void> {
  data(await gql(server, 'mutation($u: ID!, $t: String!) { adminSetTier(userId: $u, tier: $t) { id } }', { u: userId, t: tier }, admin), 'adminSetTier');
}

export async function apiKey(server: ServerProcess, user: ProcUser): Promise<string> {
  return data(await gql(server, CREATE_KEY, { input: { name: 'proc', scopes: ['completions'] } }, user.token), 'createApiKey').secret;
}

export function wsClient(server: ServerProcess, token: string): Client {
  return createClient({
    url: `${server.url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    connectionParams: { authorization: `Bearer ${token}` },
  });
}

export interface RunningStream {
  /** Resolves at the first piece of text: the hold has been taken and the provider is answering. */
  started: Promise<void>;
  /** Resolves however the stream ends (done, error, closed); never rejects. */
  ended: Promise<{ done: any | null; errors: unknown[] }>;
  /** The client walks away. */
  hangUp(): void;
}

export function wsStream(client: Client, input: object): RunningStream {
  let start!: () => void;
  const started = new Promise<void>((resolve) => (start = resolve));
  let stop = () => undefined as void;
  const ended = new Promise<{ done: any | null; errors: unknown[] }>((resolve) => {
    const errors: unknown[] = [];
    let done: any = null;
    stop = client.subscribe(
      { query: STREAM, variables: { i: input } },
      {
        next: (msg: any) => {
          if (msg.errors) errors.push(...msg.errors);
          const chunk = msg.data?.completionStream;
          if (chunk?.delta) start();
          if (chunk?.done) done = chunk;
        },
        error: (err) => resolve({ done, errors: [...errors, err] }),
        complete: () => resolve({ done, errors }),
      },
    );
  });
  return { started, ended, hangUp: () => stop() };
}

/** `POST /v1/chat/completions` with `stream: true`, read as server-sent events. */
export function sseStream(server: ServerProcess, key: string, body: object): RunningStream {
  const controller = new AbortController();
  let start!: () => void;
  const started = new Promise<void>((resolve) => (start = resolve));
  const ended = (async () => {
    try {
      const res = await fetch(`${server.url}/v1/chat/completions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, 'cache-control': 'no-cache', 'x-forwarded-for': randomIp() },
        body: JSON.stringify({ ...body, stream: true }),
        signal: controller.signal,
      });
      const decoder = new TextDecoder();
      let text = '';
      for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
        text += decoder.decode(chunk, { stream: true });
        if (/"content":"[^"]/.test(text)) start();
      }
      return { done: text.includes('[DONE]') ? text : null, errors: [] };
    } catch (err) {
      return { done: null, errors: [err] };
    }
  })();
  return { started, ended, hangUp: () => controller.abort() };
}

export const rows = (url: string, sql: string, params: unknown[] = []) => withClient(url, async (c) => (await c.query(sql, params)).rows);

/** The admin's ledgerAudit, run on the database directly (the server may be gone). */
export async function auditViolations(url: string): Promise<string[]> {
  const sql = new SqlPool(url, 2);
  try {
    return (await auditLedger(sql)).violations;
  } finally {
    await sql.close();
  }
}

/** Holds of these users by status, e.g. `{ settled: 3, released: 1 }`. */
export async function holdStatuses(url: string, userIds: string[]): Promise<Record<string, number>> {
  const found = await rows(
    url,
    `select h.status, count(*)::int as n from credit_hold h join credit_account a on a.id = h.account_id where a.user_id = any($1) group by h.status`,
    [userIds],
  );
  return Object.fromEntries(found.map((r) => [r.status, r.n]));
}

export const words = (n: number, tag = 'w') => Array.from({ length: n }, (_, i) => `${tag}${i}`).join(' ');

/** What the /v1 client-library suites share: an app whose OpenAI provider is the wire fake, integrators with keys, the ledger's view of a call. */
import { randomUUID } from 'node:crypto';
import { chargeFor } from '@tollgate/shared';
import { afterAll, beforeAll, expect, inject } from 'vitest';
import { startTestApp, type TestApp } from '../../../test-support/app.js';
import type { ServerResponse } from 'node:http';
import type { FakeScript, FakeProviderServer } from './fakes/fake-http.js';
import { FakeAnthropic } from './fakes/fake-anthropic.js';
import { FakeOpenAi } from './fakes/fake-openai.js';
import { keyFor, ledgerAudit, newUser, ok, setAvailable, signedCredits, signInAdmin, type User } from './support.js';

/** The OpenAI fake, able to drop a stream's connection after some events (a provider failing mid-answer). */
export class BreakingFakeOpenAi extends FakeOpenAi {
  /** Events sent before the connection drops; null streams whole. */
  breakAfter: number | null = null;

  protected override async sse(res: ServerResponse, events: Array<{ event?: string; data: unknown }>): Promise<void> {
    if (this.breakAfter === null) return super.sse(res, events);
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    for (const e of events.slice(0, this.breakAfter)) res.write(`data: ${JSON.stringify(e.data)}\n\n`);
    // Let the pieces reach the gateway before the drop.
    await new Promise((resolve) => setTimeout(resolve, 50));
    res.destroy();
  }

  override reset(): void {
    super.reset();
    this.breakAfter = null;
  }
}

export interface ClientsEnv {
  t: TestApp;
  admin: string;
  /** The upstream of `openai/*` models: OpenAI's wire format, spoken to by the server's openai SDK. */
  openai: BreakingFakeOpenAi;
  /** The upstream of `anthropic/*` models. */
  anthropic: FakeAnthropic;
  stop(): Promise<void>;
}

/** A real app on the run's PostgreSQL and Redis, its paid providers replaced by the local fakes. */
export async function startClientsApp(tag: string): Promise<ClientsEnv> {
  const [openai, anthropic] = await Promise.all([new BreakingFakeOpenAi().start(), FakeAnthropic.start()]);
  const redisUrl = inject('redisUrl');
  const t = await startTestApp({
    OPENAI_API_KEY: 'sk-platform-fake',
    OPENAI_BASE_URL: openai.baseURL,
    ANTHROPIC_API_KEY: 'sk-ant-platform-fake',
    ANTHROPIC_BASE_URL: anthropic.baseURL,
    ...(redisUrl ? { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: `t-${tag}-${process.pid}-${randomUUID().slice(0, 8)}:` } : {}),
  });
  const admin = await signInAdmin(t);
  return {
    t,
    admin,
    openai,
    anthropic,
    async stop() {
      await t.stop();
      await Promise.all([openai.close(), anthropic.close()]);
    },
  };
}

export interface Integrator extends User {
  key: string;
  keyId: string;
}

/** A new user with a `completions` key, on `tier` when given (the free tier has no Claude). */
export async function integrator(env: ClientsEnv, tag: string, tier?: string): Promise<Integrator> {
  const user = await newUser(env.t, env.admin, tag, tier);
  const key = await keyFor(env.t, user, ['completions', 'read']);
  return { ...user, key: key.secret, keyId: key.id };
}

const LAST_USAGE = `{ creditTransactions(first: 1, types: [USAGE]) { totalCount nodes { amount reference } } creditBalance { balance held available } }`;

/** The account's one usage transaction (it must be the only one): what the ledger charged, and for which completion. */
export async function onlyCharge(env: ClientsEnv, user: User): Promise<{ charged: bigint; completionId: string; balance: { balance: string; held: string } }> {
  const res = await env.t.gql(LAST_USAGE, {}, user.token);
  const usage = ok<any>(res, 'creditTransactions');
  expect(usage.totalCount).toBe(1);
  const [node] = usage.nodes;
  return { charged: -signedCredits(node.amount), completionId: String(node.reference).replace(/^completion:/, ''), balance: res.data!.creditBalance };
}

/** What the catalog charges this user for `usage` on `model`: the SDK's reported tokens priced independently of the call. */
export async function priceOf(env: ClientsEnv, user: User, model: string, usage: { inputTokens: number; outputTokens: number }): Promise<bigint> {
  const quote = await env.t.app.services.catalog.quote(user.id, model);
  return chargeFor(quote.terms, usage);
}

/** Leaves the user exactly `credits` micro-credits available (an admin deduction). */
export async function leaveOnly(env: ClientsEnv, user: User, credits: bigint): Promise<void> {
  await setAvailable(env.t, env.admin, user, credits);
}

export async function expectLedgerClean(env: ClientsEnv): Promise<void> {
  const audit = await ledgerAudit(env.t, env.admin);
  expect(audit.violations).toEqual([]);
  expect(audit.accountsChecked).toBeGreaterThan(0);
}

/** The file's app: started before its tests; after them the ledger must audit clean, then it stops. */
export function useClientsApp(tag: string, set: (env: ClientsEnv) => void): void {
  let env: ClientsEnv | undefined;
  beforeAll(async () => {
    env = await startClientsApp(tag);
    set(env);
  });
  afterAll(async () => {
    if (!env) return;
    try {
      await expectLedgerClean(env);
    } finally {
      await env.stop();
    }
  });
}

/** Runs `fn` with the fake upstream answering as `script` says, then back to its defaults. */
export async function scripted<U, T>(fake: FakeProviderServer<U>, script: Partial<FakeScript<U>>, fn: () => Promise<T>): Promise<T> {
  fake.set(script);
  try {
    return await fn();
  } finally {
    fake.reset();
  }
}

/** The error a refused call rejects with, which must be a `type` (and a failure if the call was not refused). */
export async function refusedWith<E>(p: Promise<unknown>, type: abstract new (...args: any[]) => E): Promise<E> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  if (!(err instanceof type)) throw new Error(`expected a ${type.name}, got ${String(err)}`);
  return err;
}

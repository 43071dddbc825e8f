import fc from 'fast-check';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ceilDiv, countTokens, formatCredits, tokenIds } from '@tollgate/shared';
import type { TestApp } from '../../../test-support/app.js';
import { base64ToFloat32, sandboxVector } from '../providers/embeddings.js';
import { balanceOf, keyFor, ledgerAudit, newUser, ok, setAvailable, signInAdmin, signedCredits, snapshot, type User } from './support.js';
import { startGatewayApp } from './support.js';

/*
 * POST /v1/embeddings on sandbox/embed, through the official `openai` SDK against a real Tollgate
 * (its own database, the run's Redis): vectors, encodings, exact charges, cache, refusals, races.
 */

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await startGatewayApp('embed');
  admin = await signInAdmin(t);
});
afterAll(async () => {
  if (t) expect((await ledgerAudit(t, admin)).violations).toEqual([]);
  await t?.stop();
});

async function caller(tag: string, tier?: string): Promise<User & { openai: OpenAI; key: string }> {
  const user = await newUser(t, admin, tag, tier);
  const key = await keyFor(t, user, ['completions']);
  return { ...user, key: key.secret, openai: new OpenAI({ apiKey: key.secret, baseURL: `${t.url}/v1`, maxRetries: 0 }) };
}

/** $0.02 per 1M tokens = 20 nano$ a token, × 1.05 (the budget class's markup on free), to micro-credits at $0.01, rounded up once. */
const freeCharge = (tokens: number) => ceilDiv(BigInt(tokens) * 20n * 10_500n * 1_000_000n, 10_000n * 10_000n * 1_000n);
const sandboxTokens = (text: string) => countTokens(text, 'sandbox');
const NO_CACHE = { headers: { 'cache-control': 'no-cache' } };

async function lastTransaction(token: string) {
  const res = ok(await t.gql('{ creditTransactions(first: 1) { nodes { type amount description } totalCount } }', {}, token), 'creditTransactions');
  return { ...res.nodes[0], totalCount: res.totalCount as number };
}

const refusal = (p: Promise<unknown>): Promise<InstanceType<typeof OpenAI.APIError>> =>
  p.then(
    () => {
      throw new Error('expected the request to be refused');
    },
    (err) => {
      if (err instanceof OpenAI.APIError) return err;
      throw err;
    },
  );

describe('vectors and encodings', () => {
  it('answers a deterministic unit-length vector in floats, with usage from the shared tokenizer', async () => {
    const u = await caller('embed-float');
    const text = 'Toll gates collect a fee from travellers.';
    const res = await u.openai.embeddings.create({ model: 'sandbox/embed', input: text, encoding_format: 'float' });
    expect(res.object).toBe('list');
    expect(res.model).toBe('sandbox/embed');
    expect(res.data).toHaveLength(1);
    const vector = res.data[0]!.embedding;
    expect(vector).toHaveLength(256);
    expect(vector).toEqual(Array.from(sandboxVector(tokenIds(text, 'o200k_base'), 256)));
    expect(Math.abs(Math.hypot(...vector) - 1)).toBeLessThan(1e-5);
    expect(res.usage).toEqual({ prompt_tokens: sandboxTokens(text), total_tokens: sandboxTokens(text) });
  });

  it('gives the same vectors as base64 (the SDK default, decoded by the SDK) and as raw little-endian float32 base64', async () => {
    const u = await caller('embed-b64');
    const text = 'the same text, three encodings';
    const floats = (await u.openai.embeddings.create({ model: 'sandbox/embed', input: text, encoding_format: 'float' }, NO_CACHE)).data[0]!.embedding;
    const decodedBySdk = (await u.openai.embeddings.create({ model: 'sandbox/embed', input: text }, NO_CACHE)).data[0]!.embedding;
    const raw = (await u.openai.embeddings.create({ model: 'sandbox/embed', input: text, encoding_format: 'base64' }, NO_CACHE)).data[0]!.embedding;
    expect(typeof raw).toBe('string');
    expect(decodedBySdk).toEqual(floats);
    expect(Array.from(base64ToFloat32(raw as unknown as string))).toEqual(floats);
  });

  it('embeds a batch in input order, honours dimensions, and embeds a token array as its text', async () => {
    const u = await caller('embed-batch');
    const inputs = ['first input', 'a second, longer input than the first', 'third'];
    const res = await u.openai.embeddings.create({ model: 'sandbox/embed', input: inputs, dimensions: 64, encoding_format: 'float' });
    expect(res.data.map((d) => d.index)).toEqual([0, 1, 2]);
    res.data.forEach((d, i) => expect(d.embedding).toEqual(Array.from(sandboxVector(tokenIds(inputs[i]!, 'o200k_base'), 64))));
    const total = inputs.reduce((n, s) => n + sandboxTokens(s), 0);
    expect(res.usage.prompt_tokens).toBe(total);
    const asTokens = await u.openai.embeddings.create({
      model: 'sandbox/embed',
      input: [tokenIds(inputs[1]!, 'o200k_base')],
      dimensions: 64,
      encoding_format: 'float',
    });
    expect(asTokens.data[0]!.embedding).toEqual(res.data[1]!.embedding);
  });
});

describe('metering', () => {
  it('charges exactly the price of the counted tokens plus the markup, as one usage entry, headers matching', async () => {
    const u = await caller('embed-charge');
    const inputs = ['metered exactly like a completion', 'twice over, in one batch'];
    const tokens = inputs.reduce((n, s) => n + sandboxTokens(s), 0);
    const before = await balanceOf(t, u.token);
    const { data, response } = await u.openai.embeddings.create({ model: 'sandbox/embed', input: inputs }).withResponse();
    expect(data.usage.prompt_tokens).toBe(tokens);
    const expected = freeCharge(tokens);
    expect(expected).toBeGreaterThan(0n);
    const after = await balanceOf(t, u.token);
    expect(before.balance - after.balance).toBe(expected);
    expect(after.held).toBe(0n);
    expect(response.headers.get('x-tollgate-credits-charged')).toBe(formatCredits(expected));
    expect(response.headers.get('x-tollgate-credits-remaining')).toBe(formatCredits(after.available));
    const entry = await lastTransaction(u.token);
    expect(entry.type).toBe('USAGE');
    expect(signedCredits(entry.amount)).toBe(-expected);
    expect(entry.description).toBe('Embeddings with Sandbox embed');
  });

  it('answers the same input again from the cache for nothing, and skips the cache on Cache-Control: no-cache', async () => {
    const u = await caller('embed-cache');
    const body = { model: 'sandbox/embed', input: ['cached once', 'and again'], encoding_format: 'float' as const };
    const first = await u.openai.embeddings.create(body).withResponse();
    expect(first.response.headers.get('x-tollgate-cached')).toBe('false');
    const before = await snapshot(t, u.token);
    const hit = await u.openai.embeddings.create(body).withResponse();
    expect(hit.response.headers.get('x-tollgate-cached')).toBe('true');
    expect(hit.response.headers.get('x-tollgate-credits-charged')).toBe('0.000000');
    expect(hit.data.data).toEqual(first.data.data);
    expect(hit.data.usage).toEqual(first.data.usage);
    const after = await snapshot(t, u.token);
    expect(after.balance).toEqual(before.balance);
    expect(after.entries).toBe(before.entries);
    const fresh = await u.openai.embeddings.create(body, NO_CACHE).withResponse();
    expect(fresh.response.headers.get('x-tollgate-cached')).toBe('false');
    expect(signedCredits((await lastTransaction(u.token)).amount)).toBe(-freeCharge(first.data.usage.prompt_tokens));
  });

  it('answers a retry with the same Idempotency-Key from the first call, charged once; another body under it conflicts', async () => {
    const u = await caller('embed-idem');
    const opts = { headers: { 'idempotency-key': 'embed-once-1', 'cache-control': 'no-cache' } };
    const body = { model: 'sandbox/embed', input: 'pay for me once', encoding_format: 'float' as const };
    const first = await u.openai.embeddings.create(body, opts);
    const count = (await lastTransaction(u.token)).totalCount;
    const again = await u.openai.embeddings.create(body, opts);
    expect(again.data).toEqual(first.data);
    expect((await lastTransaction(u.token)).totalCount).toBe(count);
    const other = await refusal(u.openai.embeddings.create({ ...body, input: 'something else' }, opts));
    expect(other.status).toBe(409);
  });

  it('refuses with 402 when the balance cannot cover the input, holding and writing nothing', async () => {
    const u = await caller('embed-poor');
    await setAvailable(t, admin, u, 100n);
    const before = await snapshot(t, u.token);
    const input = 'many words '.repeat(500);
    expect(freeCharge(sandboxTokens(input))).toBeGreaterThan(100n);
    const err = await refusal(u.openai.embeddings.create({ model: 'sandbox/embed', input }));
    expect(err.status).toBe(402);
    expect((err.error as { code?: string }).code).toBe('insufficient_quota');
    expect(await snapshot(t, u.token)).toEqual(before);
  });

  it('never overdraws under 50 concurrent calls: exactly as many succeed as the balance covers', async () => {
    const u = await caller('embed-race', 'pro');
    const input = 'the same input, fifty times at once';
    // Pro: the budget class at the tier's own 5%, like free's class markup: the same price.
    const price = freeCharge(sandboxTokens(input));
    const start = price * 7n + price / 2n;
    await setAvailable(t, admin, u, start);
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => u.openai.embeddings.create({ model: 'sandbox/embed', input }, NO_CACHE)));
    const served = results.filter((r) => r.status === 'fulfilled').length;
    const refused = results
      .filter((r) => r.status === 'rejected')
      .map((r) => ((r as PromiseRejectedResult).reason as InstanceType<typeof OpenAI.APIError>).status);
    expect(served).toBe(7);
    expect(refused).toEqual(Array(43).fill(402));
    const after = await balanceOf(t, u.token);
    expect(after).toEqual({ balance: start - price * 7n, held: 0n, available: start - price * 7n });
  });
});

describe('refusals', () => {
  it('refuses a chat model on /v1/embeddings, and an embedding model on /v1/chat/completions, writing nothing', async () => {
    const u = await caller('embed-kind');
    const before = await snapshot(t, u.token);
    const chat = await refusal(u.openai.embeddings.create({ model: 'sandbox/echo', input: 'hi' }));
    expect(chat.status).toBe(400);
    expect(chat.message).toMatch(/is a chat model/);
    const embed = await refusal(u.openai.chat.completions.create({ model: 'sandbox/embed', messages: [{ role: 'user', content: 'hi' }] }));
    expect(embed.status).toBe(400);
    expect(embed.message).toMatch(/Sandbox embed is an embedding model; use \/v1\/embeddings/);
    expect(await snapshot(t, u.token)).toEqual(before);
  });

  it('refuses bad input with 400 naming the parameter, an unknown model with 404, and a missing key with 401', async () => {
    const u = await caller('embed-bad');
    const before = await snapshot(t, u.token);
    const post = (body: unknown, key: string | null = u.key) =>
      fetch(`${t.url}/v1/embeddings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(key ? { authorization: `Bearer ${key}` } : {}) },
        body: JSON.stringify(body),
      });
    const cases: Array<[unknown, number, string | null]> = [
      [{ model: 'sandbox/embed' }, 400, 'input'],
      [{ model: 'sandbox/embed', input: '' }, 400, 'input'],
      [{ model: 'sandbox/embed', input: [] }, 400, 'input'],
      [{ model: 'sandbox/embed', input: [1, 'two'] }, 400, 'input'],
      [{ model: 'sandbox/embed', input: [[]] }, 400, 'input'],
      [{ model: 'sandbox/embed', input: [-1] }, 400, 'input'],
      [{ model: 'sandbox/embed', input: 'x', encoding_format: 'int8' }, 400, 'encoding_format'],
      [{ model: 'sandbox/embed', input: 'x', dimensions: 0 }, 400, 'dimensions'],
      [{ model: 'sandbox/embed', input: 'x', dimensions: 5000 }, 400, 'dimensions'],
      [{ model: 'sandbox/embed', input: 'word '.repeat(9000) }, 400, 'input'],
      [{ input: 'x' }, 400, 'model'],
      [{ model: 'nobody/nothing', input: 'x' }, 404, null],
    ];
    for (const [body, status, param] of cases) {
      const res = await post(body);
      expect({ body, status: res.status }).toEqual({ body, status });
      const error = ((await res.json()) as { error: { param: string | null } }).error;
      expect({ body, param: error.param }).toEqual({ body, param });
    }
    expect((await post({ model: 'sandbox/embed', input: 'x' }, null)).status).toBe(401);
    const readOnly = await keyFor(t, u, ['read']);
    expect((await post({ model: 'sandbox/embed', input: 'x' }, readOnly.secret)).status).toBe(403);
    expect(await snapshot(t, u.token)).toEqual(before);
  });
});

describe('limits shared with completions', () => {
  it("counts embeddings in the tier's monthly request cap with completions, refusing either past it", async () => {
    ok(await t.gql(`mutation { adminUpdateTier(code: "starter", input: { monthlyRequestCap: 3 }) { code } }`, {}, admin), 'adminUpdateTier');
    const u = await caller('embed-month', 'starter');
    await u.openai.chat.completions.create({ model: 'sandbox/echo', messages: [{ role: 'user', content: 'one' }] });
    await u.openai.embeddings.create({ model: 'sandbox/embed', input: 'two' });
    await u.openai.embeddings.create({ model: 'sandbox/embed', input: 'three' });
    const before = await snapshot(t, u.token);
    const embed = await refusal(u.openai.embeddings.create({ model: 'sandbox/embed', input: 'four' }));
    expect(embed.status).toBe(403);
    expect((embed.error as { code?: string }).code).toBe('tier_limit_exceeded');
    const chat = await refusal(u.openai.chat.completions.create({ model: 'sandbox/echo', messages: [{ role: 'user', content: 'four' }] }));
    expect(chat.status).toBe(403);
    expect(await snapshot(t, u.token)).toEqual(before);
  });

  it('takes embeddings from the same per-minute limit as completions (free: 20 a minute)', async () => {
    const u = await caller('embed-rate');
    for (let i = 0; i < 20; i++) await u.openai.embeddings.create({ model: 'sandbox/embed', input: 'the same cached input' });
    const embed = await refusal(u.openai.embeddings.create({ model: 'sandbox/embed', input: 'the same cached input' }));
    expect(embed.status).toBe(429);
    expect(Number(embed.headers?.get('retry-after'))).toBeGreaterThan(0);
    const chat = await refusal(u.openai.chat.completions.create({ model: 'sandbox/echo', messages: [{ role: 'user', content: 'hi' }] }));
    expect(chat.status).toBe(429);
  });
});

describe('fuzz', () => {
  it('answers any body with vectors or an OpenAI-shaped 4xx, never a 5xx, and leaves the ledger consistent', async () => {
    const u = await caller('embed-fuzz', 'pro');
    const token = fc.oneof(fc.integer({ min: -3, max: 300_000 }), fc.double(), fc.string({ maxLength: 3 }));
    const input = fc.oneof(
      fc.string({ maxLength: 40 }),
      fc.array(fc.string({ maxLength: 20 }), { maxLength: 4 }),
      fc.array(token, { maxLength: 6 }),
      fc.array(fc.array(token, { maxLength: 4 }), { maxLength: 3 }),
      fc.anything({ maxDepth: 2 }),
    );
    const body = fc.record(
      {
        model: fc.oneof(fc.constantFrom('sandbox/embed', 'sandbox/echo', 'openai/text-embedding-3-small', 'auto'), fc.anything({ maxDepth: 1 })),
        input,
        encoding_format: fc.oneof(fc.constantFrom('float', 'base64'), fc.anything({ maxDepth: 1 })),
        dimensions: fc.oneof(fc.integer({ min: -2, max: 4_000 }), fc.anything({ maxDepth: 1 })),
        user: fc.anything({ maxDepth: 1 }),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(fc.oneof(body, fc.anything({ maxDepth: 2 })), async (sent) => {
        const res = await fetch(`${t.url}/v1/embeddings`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${u.key}` },
          body: JSON.stringify(sent) ?? 'null',
        });
        const answer = (await res.json()) as { error?: { type: string; code: string | null }; data?: unknown[] };
        // OpenAI has no key in this app: its models answer 503 provider_unavailable, the one 5xx allowed.
        if (answer.error?.code !== 'provider_unavailable') expect(res.status, JSON.stringify(sent)).toBeLessThan(500);
        if (res.status >= 400) expect(answer.error?.type).toBeTruthy();
        else expect(Array.isArray(answer.data)).toBe(true);
      }),
      { numRuns: 150, seed: 1405 },
    );
    expect((await balanceOf(t, u.token)).held).toBe(0n);
    expect((await ledgerAudit(t, admin)).violations).toEqual([]);
  });
});

/**
 * /v1/embeddings through the Vercel AI SDK (`ai` + `@ai-sdk/openai`), as an integrator wires it:
 * `createOpenAI({ baseURL, apiKey }).embedding(model)` with `embed` / `embedMany`. Vectors as
 * sandbox/embed computes them, usage as Tollgate counted and charged, refusals as APICallErrors.
 */
import { createOpenAI } from '@ai-sdk/openai';
import { APICallError, embed, embedMany } from 'ai';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { ceilDiv, countTokens, tokenIds } from '@tollgate/shared';
import type { TestApp } from '../../../test-support/app.js';
import { sandboxVector } from '../providers/embeddings.js';
import { balanceOf, keyFor, ledgerAudit, newUser, signInAdmin, startGatewayApp } from './support.js';

let t: TestApp;
let admin: string;
beforeAll(async () => {
  t = await startGatewayApp('embed-ai');
  admin = await signInAdmin(t);
});
afterAll(async () => {
  if (t) expect((await ledgerAudit(t, admin)).violations).toEqual([]);
  await t?.stop();
});

async function integrator(tag: string) {
  const user = await newUser(t, admin, tag);
  const key = await keyFor(t, user, ['completions']);
  return { ...user, tollgate: createOpenAI({ baseURL: `${t.url}/v1`, apiKey: key.secret }) };
}

/** $0.02 / 1M tokens × 1.05 (free's budget markup), micro-credits at $0.01, rounded up once. */
const charge = (tokens: number) => ceilDiv(BigInt(tokens) * 20n * 10_500n * 1_000_000n, 10_000n * 10_000n * 1_000n);

it('embed and embedMany: the sandbox vectors in order, usage as counted, the balance down by exactly its price', async () => {
  const u = await integrator('ai-embed');
  const before = await balanceOf(t, u.token);
  const one = await embed({ model: u.tollgate.embedding('sandbox/embed'), value: 'a single value', maxRetries: 0 });
  expect(one.embedding).toEqual(Array.from(sandboxVector(tokenIds('a single value', 'o200k_base'), 256)));
  const values = ['first of many', 'second of many', 'third'];
  const many = await embedMany({ model: u.tollgate.embedding('sandbox/embed'), values, maxRetries: 0 });
  expect(many.embeddings).toEqual(values.map((v) => Array.from(sandboxVector(tokenIds(v, 'o200k_base'), 256))));
  const oneTokens = countTokens('a single value', 'sandbox');
  const manyTokens = values.reduce((n, v) => n + countTokens(v, 'sandbox'), 0);
  expect([one.usage.tokens, many.usage.tokens]).toEqual([oneTokens, manyTokens]);
  expect(before.balance - (await balanceOf(t, u.token)).balance).toBe(charge(oneTokens) + charge(manyTokens));
});

it('refuses a chat model as an APICallError with status 400', async () => {
  const u = await integrator('ai-embed-chat');
  const err = await embed({ model: u.tollgate.embedding('sandbox/echo'), value: 'x', maxRetries: 0 }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(APICallError.isInstance(err)).toBe(true);
  expect((err as APICallError).statusCode).toBe(400);
  expect((err as APICallError).message).toMatch(/is a chat model/);
});

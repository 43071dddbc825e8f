/**
 * Random Anthropic-shaped bodies at POST /v1/messages (whole and streamed, with the key as x-api-key
 * or Bearer, or none): always Anthropic's error shape or an answer, never a 5xx of ours nor the
 * secret the bodies carry, and the ledger audits clean. Rerun a failure with FUZZ_SEED=<seed>.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { garbage, idBait, nastyNumber, nastyString, SECRET } from '../../../platform/__tests__/fuzz-arbitraries.js';
import { integrator, useClientsApp, type ClientsEnv } from './clients-support.js';

let env: ClientsEnv;
useClientsApp('msg-fuzz', (e) => (env = e));

const SEED = Number(process.env.FUZZ_SEED ?? 20261205);
const TYPES = [
  'invalid_request_error',
  'authentication_error',
  'billing_error',
  'permission_error',
  'not_found_error',
  'request_too_large',
  'rate_limit_error',
  'overloaded_error',
];

const block = fc.record({ type: fc.oneof(fc.constant('text'), nastyString), text: fc.oneof(nastyString, garbage) }, { requiredKeys: [] });
const content = fc.oneof(nastyString, garbage, fc.array(block, { maxLength: 3 }));
const body = fc.oneof(
  {
    weight: 6,
    arbitrary: fc
      .record(
        {
          model: fc.oneof(fc.constantFrom('sandbox/echo', 'auto', 'openai/gpt-4o-mini'), nastyString, idBait, garbage),
          max_tokens: fc.oneof(fc.integer({ min: 1, max: 64 }), nastyNumber, garbage),
          messages: fc.oneof(
            fc.array(
              fc.record({ role: fc.oneof(fc.constantFrom('user', 'assistant', 'system'), fc.constant(SECRET), garbage), content }, { requiredKeys: [] }),
              { maxLength: 4 },
            ),
            garbage,
          ),
          system: fc.oneof(nastyString, fc.array(block, { maxLength: 2 }), garbage),
          stop_sequences: fc.oneof(fc.array(nastyString, { maxLength: 3 }), garbage),
          temperature: fc.oneof(nastyNumber, garbage),
          stream: fc.oneof(fc.boolean(), garbage),
          metadata: garbage,
        },
        { requiredKeys: [] },
      )
      .map((b) => JSON.stringify(b)),
  },
  { weight: 1, arbitrary: fc.oneof(nastyString, fc.constant('{"model":'), fc.constant('[]')) },
);

describe('POST /v1/messages under random input', () => {
  it("answers in Anthropic's shape, never a 5xx of its own nor the secret", async () => {
    const u = await integrator(env, 'msg-fuzz');
    const auth = (who: number): Record<string, string> => (who === 0 ? { 'x-api-key': u.key } : who === 1 ? { authorization: `Bearer ${u.key}` } : {});
    await fc.assert(
      fc.asyncProperty(body, fc.nat({ max: 4 }), async (raw, who) => {
        const res = await fetch(`${env.t.url}/v1/messages`, { method: 'POST', headers: { 'content-type': 'application/json', ...auth(who) }, body: raw });
        const text = await res.text();
        expect(text).not.toContain(SECRET);
        // 529 is the provider's state (overloaded_error), not a failure of ours.
        expect(res.status === 529 || res.status < 500, text).toBe(true);
        if (res.status >= 400) {
          const parsed = JSON.parse(text);
          expect(parsed.type).toBe('error');
          expect(TYPES).toContain(parsed.error.type);
        } else if (res.headers.get('content-type')?.startsWith('text/event-stream')) {
          expect(text).toContain('event: message_stop');
        } else {
          expect(JSON.parse(text)).toMatchObject({ type: 'message', role: 'assistant' });
        }
      }),
      { seed: SEED, numRuns: 150 },
    );
  });
});

import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type TestApp } from '../../../test-support/app.js';
import { redisEnv } from '../../billing/__tests__/billing-support.js';
import { createKey } from '../../auth/__tests__/helpers.js';
import { balanceOf, ledgerAudit, signInAdmin, ok, setAvailable } from '../../gateway/__tests__/support.js';
import { giftHistory, giftRows, member, PUBLIC_URL, send, SEND } from './gift-support.js';

const C = 1_000_000n; // one credit in micro-credits

describe('sendGift', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_URL, ...redisEnv('gift-send') });
    admin = await signInAdmin(t);
    // The tests return gifts themselves: the server's own minute sweep must not race them.
    t.app.services.promotions.gifts.stop();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('lands at once with an existing user: one entry on each side, each naming the other party', async () => {
    const alice = await member(t, 'g-alice');
    const bob = await member(t, 'g-bob');
    await setAvailable(t, admin, alice, 10n * C);
    const bobBefore = await balanceOf(t, bob.token);
    const gift = ok(await send(t, alice, { recipientEmail: bob.email.toUpperCase(), credits: '2.5', message: ' Happy birthday ' }), 'sendGift');
    expect(gift).toMatchObject({
      status: 'CLAIMED',
      credits: '2.500000',
      senderEmail: alice.email,
      recipientEmail: bob.email,
      message: 'Happy birthday',
      claimUrl: null,
    });
    expect((await balanceOf(t, alice.token)).balance).toBe(7_500_000n);
    expect((await balanceOf(t, bob.token)).balance).toBe(bobBefore.balance + 2_500_000n);
    expect(await giftHistory(t, alice)).toEqual([
      { type: 'GIFT_SENT', amount: '-2.500000', description: `Gift to ${bob.email}`, reference: `gift:${gift.id}` },
    ]);
    expect(await giftHistory(t, bob)).toEqual([
      { type: 'GIFT_RECEIVED', amount: '2.500000', description: `Gift from ${alice.email}`, reference: `gift:${gift.id}` },
    ]);
    expect(ok(await t.gql('{ giftsReceived { id status } }', {}, bob.token), 'giftsReceived')).toEqual([{ id: gift.id, status: 'CLAIMED' }]);
    expect(ok(await t.gql('{ giftsSent { id claimUrl } }', {}, alice.token), 'giftsSent')).toEqual([{ id: gift.id, claimUrl: null }]);
    expect(await ledgerAudit(t, admin)).toMatchObject({ violations: [] });
  });

  it('20 concurrent gifts of 1 credit from a 10-credit balance: exactly 10 go through, the rest INSUFFICIENT_CREDITS', async () => {
    const alice = await member(t, 'g-race');
    const bob = await member(t, 'g-race-to');
    await setAvailable(t, admin, alice, 10n * C);
    const bobBefore = (await balanceOf(t, bob.token)).balance;
    const results = await Promise.all(Array.from({ length: 20 }, () => send(t, alice, { recipientEmail: bob.email, credits: '1' })));
    const codes = results.map((r) => (r.data?.sendGift ? 'OK' : errorCode(r)));
    console.log('gift overdraw race:', { ok: codes.filter((c) => c === 'OK').length, insufficient: codes.filter((c) => c === 'INSUFFICIENT_CREDITS').length });
    expect(codes.filter((c) => c === 'OK')).toHaveLength(10);
    expect(codes.filter((c) => c === 'INSUFFICIENT_CREDITS')).toHaveLength(10);
    expect(await balanceOf(t, alice.token)).toMatchObject({ balance: 0n, available: 0n });
    expect((await balanceOf(t, bob.token)).balance).toBe(bobBefore + 10n * C);
    expect(ok(await t.gql('{ giftsSent { id } }', {}, alice.token), 'giftsSent')).toHaveLength(10);
    expect(await ledgerAudit(t, admin)).toMatchObject({ violations: [] });
  });

  it('a gift retried 5× at once with one key moves once and answers the same gift; other fields with that key conflict', async () => {
    const alice = await member(t, 'g-retry');
    const bob = await member(t, 'g-retry-to');
    await setAvailable(t, admin, alice, 10n * C);
    const input = { recipientEmail: bob.email, credits: '3', idempotencyKey: `retry-${randomUUID()}` };
    const results = await Promise.all(Array.from({ length: 5 }, () => send(t, alice, input)));
    const ids = new Set(results.map((r) => ok(r, 'sendGift').id));
    console.log('gift retry race:', { answers: results.length, distinctGifts: ids.size });
    expect(ids.size).toBe(1);
    expect((await balanceOf(t, alice.token)).balance).toBe(7n * C);
    expect(await giftHistory(t, bob)).toHaveLength(1);
    const before = await giftRows(t);
    expect(errorCode(await send(t, alice, { ...input, credits: '4' }))).toBe('IDEMPOTENCY_CONFLICT');
    expect(errorCode(await send(t, alice, { ...input, message: 'hi' }))).toBe('IDEMPOTENCY_CONFLICT');
    expect(await giftRows(t)).toEqual(before);
    expect(await ledgerAudit(t, admin)).toMatchObject({ violations: [] });
  });

  it('two users gifting each other at once never deadlock', async () => {
    const a = await member(t, 'g-cross-a');
    const b = await member(t, 'g-cross-b');
    await setAvailable(t, admin, a, 10n * C);
    await setAvailable(t, admin, b, 10n * C);
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        i % 2 ? send(t, a, { recipientEmail: b.email, credits: '1' }) : send(t, b, { recipientEmail: a.email, credits: '1' }),
      ),
    );
    expect(results.map((r) => errorCode(r) ?? 'OK')).toEqual(Array(10).fill('OK'));
    expect((await balanceOf(t, a.token)).balance + (await balanceOf(t, b.token)).balance).toBe(20n * C);
    expect(await ledgerAudit(t, admin)).toMatchObject({ violations: [] });
  });

  it('bad input answers a code and writes nothing; API keys and anonymous callers are refused', async () => {
    const alice = await member(t, 'g-bad');
    const bob = await member(t, 'g-bad-to');
    await setAvailable(t, admin, alice, 5n * C);
    const before = await giftRows(t);
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ credits: '0' }, 'BAD_USER_INPUT'],
      [{ credits: '-1' }, 'BAD_USER_INPUT'],
      [{ credits: '1.0000001' }, 'BAD_USER_INPUT'],
      [{ credits: 1 }, 'BAD_USER_INPUT'],
      [{ credits: '100001' }, 'BAD_USER_INPUT'],
      [{ credits: '6' }, 'INSUFFICIENT_CREDITS'],
      [{ recipientEmail: 'not-an-email' }, 'BAD_USER_INPUT'],
      [{ recipientEmail: alice.email.toUpperCase() }, 'BAD_USER_INPUT'],
      [{ message: 'x'.repeat(501) }, 'BAD_USER_INPUT'],
      [{ idempotencyKey: '' }, 'BAD_USER_INPUT'],
      [{ idempotencyKey: 'k'.repeat(201) }, 'BAD_USER_INPUT'],
    ];
    for (const [patch, code] of cases) {
      const res = await t.gql(SEND, { i: { recipientEmail: bob.email, credits: '1', idempotencyKey: randomUUID(), ...patch } }, alice.token);
      expect([JSON.stringify(patch), errorCode(res)]).toEqual([JSON.stringify(patch), code]);
    }
    const key = await createKey(t, alice.token, ['read', 'completions']);
    expect(errorCode(await t.gql(SEND, { i: { recipientEmail: bob.email, credits: '1', idempotencyKey: 'k' } }, key.secret))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql('{ giftsSent { id } }', {}, key.secret))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(SEND, { i: { recipientEmail: bob.email, credits: '1', idempotencyKey: 'k' } }))).toBe('UNAUTHENTICATED');
    expect(await giftRows(t)).toEqual(before);
    expect((await balanceOf(t, alice.token)).balance).toBe(5n * C);
    expect(await ledgerAudit(t, admin)).toMatchObject({ violations: [] });
  });
});

import { randomBytes } from 'node:crypto';
import { parseCredits } from '@tollgate/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type TestApp } from '../../../test-support/app.js';
import { uniqueEmail } from '../../auth/__tests__/helpers.js';
import { buy, packageWithBonus, redisEnv } from '../../billing/__tests__/billing-support.js';
import { balanceOf, ledgerAudit, ok, setAvailable, signInAdmin } from '../../gateway/__tests__/support.js';
import { CLAIM, giftHistory, giftRows, member, PUBLIC_URL, send, setGiftPaidOnly, tokenOf } from './gift-support.js';

const C = 1_000_000n;

describe('gift claim links and returns', () => {
  let t: TestApp;
  let admin: string;
  const returnDue = () => t.app.services.promotions.gifts.returnDue();
  /** As if 30 days had passed: the gift's deadline moved into the past. */
  const expire = (id: string) => t.app.sql.query(`update gift set expires_at = now() - interval '1 second' where id = $1`, [id]);
  const grants = async (userId: string) =>
    (
      await t.app.sql.query(
        `select g.source, g.remaining::text as remaining from credit_grant g join credit_account a on a.id = g.account_id where a.user_id = $1 and g.remaining > 0 order by g.source`,
        [userId],
      )
    ).map((r) => [r.source, BigInt(r.remaining)]);

  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_URL, ...redisEnv('gift-claim') });
    admin = await signInAdmin(t);
    // The tests return gifts themselves: the server's own minute sweep must not race them.
    t.app.services.promotions.gifts.stop();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('a gift to someone without an account is a claim link that works once, for whoever signs in with it', async () => {
    const alice = await member(t, 'gc-alice');
    await setAvailable(t, admin, alice, 10n * C);
    const email = uniqueEmail('gc-newcomer');
    const gift = ok(await send(t, alice, { recipientEmail: email, credits: '4' }), 'sendGift');
    expect(gift).toMatchObject({ status: 'PENDING', recipientEmail: email.toLowerCase() });
    expect(gift.claimUrl).toMatch(new RegExp(`^${PUBLIC_URL}/gifts/claim\\?token=[A-Za-z0-9_-]{43}$`));
    expect(Date.parse(gift.expiresAt) - Date.parse(gift.createdAt)).toBe(30 * 24 * 3600 * 1000);
    expect((await balanceOf(t, alice.token)).balance).toBe(6n * C);
    // Only the token's hash is stored.
    const stored = await t.app.sql.query(`select claim_token_hash from gift where id = $1`, [gift.id]);
    expect(stored[0]!.claim_token_hash).not.toContain(tokenOf(gift.claimUrl));

    const bob = await member(t, 'gc-bob', email);
    expect(ok(await t.gql('{ giftsReceived { id status } }', {}, bob.token), 'giftsReceived')).toEqual([{ id: gift.id, status: 'PENDING' }]);
    expect(errorCode(await t.gql(CLAIM, { t: tokenOf(gift.claimUrl) }, alice.token))).toBe('BAD_USER_INPUT');
    const claims = await Promise.all([0, 1, 2].map(() => t.gql(CLAIM, { t: tokenOf(gift.claimUrl) }, bob.token)));
    for (const c of claims) expect(ok(c, 'claimGift')).toMatchObject({ id: gift.id, status: 'CLAIMED', claimUrl: null });
    const carol = await member(t, 'gc-carol');
    const again = await t.gql(CLAIM, { t: tokenOf(gift.claimUrl) }, carol.token);
    expect([errorCode(again), again.errors?.[0]?.extensions?.reason]).toEqual(['BAD_USER_INPUT', 'ALREADY_CLAIMED']);
    expect(await giftHistory(t, bob)).toEqual([
      { type: 'GIFT_RECEIVED', amount: '4.000000', description: `Gift from ${alice.email}`, reference: `gift:${gift.id}` },
    ]);
    expect(await giftHistory(t, alice)).toEqual([
      { type: 'GIFT_SENT', amount: '-4.000000', description: `Gift to ${email.toLowerCase()}`, reference: `gift:${gift.id}` },
    ]);
    expect(errorCode(await t.gql(CLAIM, { t: randomBytes(32).toString('base64url') }, carol.token))).toBe('NOT_FOUND');
    expect(errorCode(await t.gql(CLAIM, { t: 'x' }, carol.token))).toBe('NOT_FOUND');
    expect(await ledgerAudit(t, admin)).toMatchObject({ violations: [] });
  });

  it('claimPendingGifts claims what waits for your e-mail', async () => {
    const alice = await member(t, 'gc-pend');
    await setAvailable(t, admin, alice, 10n * C);
    const email = uniqueEmail('gc-pend-to');
    const gift = ok(await send(t, alice, { recipientEmail: email, credits: '1.5' }), 'sendGift');
    const dave = await member(t, 'gc-dave', email);
    const before = (await balanceOf(t, dave.token)).balance;
    expect(ok(await t.gql('mutation { claimPendingGifts { id status } }', {}, dave.token), 'claimPendingGifts')).toEqual([{ id: gift.id, status: 'CLAIMED' }]);
    expect(ok(await t.gql('mutation { claimPendingGifts { id } }', {}, dave.token), 'claimPendingGifts')).toEqual([]);
    expect((await balanceOf(t, dave.token)).balance).toBe(before + 1_500_000n);
  });

  it('an unclaimed gift goes back to its sender after 30 days, once, as the credit it was', async () => {
    const alice = await member(t, 'gc-return');
    await setAvailable(t, admin, alice, 10n * C);
    const gift = ok(await send(t, alice, { recipientEmail: uniqueEmail('gc-nobody'), credits: '7' }), 'sendGift');
    expect(await returnDue()).toBe(0); // not due yet
    await expire(gift.id);
    expect(await returnDue()).toBeGreaterThanOrEqual(1);
    expect(await returnDue()).toBe(0);
    expect((await balanceOf(t, alice.token)).balance).toBe(10n * C);
    expect((await giftHistory(t, alice)).map((e) => [e.type, e.amount])).toEqual([
      ['GIFT_RETURNED', '7.000000'],
      ['GIFT_SENT', '-7.000000'],
    ]);
    expect(ok(await t.gql('{ giftsSent { id status returnedAt } }', {}, alice.token), 'giftsSent')[0]).toMatchObject({ id: gift.id, status: 'RETURNED' });
    const late = await member(t, 'gc-late');
    const late1 = await t.gql(CLAIM, { t: tokenOf(gift.claimUrl) }, late.token);
    expect([errorCode(late1), late1.errors?.[0]?.extensions?.reason]).toEqual(['BAD_USER_INPUT', 'RETURNED']);
    expect(await ledgerAudit(t, admin)).toMatchObject({ violations: [] });
  });

  it('a claim racing the return: exactly one happens, every time', async () => {
    const alice = await member(t, 'gc-race');
    await setAvailable(t, admin, alice, 10n * C);
    const bob = await member(t, 'gc-race-bob');
    const outcomes: string[] = [];
    for (let i = 0; i < 6; i += 1) {
      const gift = ok(await send(t, alice, { recipientEmail: uniqueEmail('gc-race-to'), credits: '1' }), 'sendGift');
      await expire(gift.id);
      const [claim, returned] = await Promise.all([t.gql(CLAIM, { t: tokenOf(gift.claimUrl) }, bob.token), returnDue()]);
      const claimed = Boolean(claim.data?.claimGift);
      outcomes.push(claimed ? 'claim' : 'return');
      expect([claimed, returned]).toEqual(claimed ? [true, 0] : [false, 1]);
      const [row] = await t.app.sql.query(`select status from gift where id = $1`, [gift.id]);
      expect(row!.status).toBe(claimed ? 'claimed' : 'returned');
    }
    console.log('claim vs return race:', outcomes.join(' '));
    const received = outcomes.filter((o) => o === 'claim').length;
    expect((await balanceOf(t, alice.token)).balance).toBe(BigInt(10 - received) * C);
    expect(await ledgerAudit(t, admin)).toMatchObject({ violations: [] });
  });

  it('with giftPaidCreditsOnly, the signup bonus is not giftable and purchased credit is; a return restores it as purchased', async () => {
    const alice = await member(t, 'gc-paid'); // holds only the signup bonus
    const bob = await member(t, 'gc-paid-to');
    const signup = (await balanceOf(t, alice.token)).balance;
    expect(signup).toBeGreaterThan(0n);
    await setGiftPaidOnly(t, admin, true);
    try {
      const before = await giftRows(t);
      expect(errorCode(await send(t, alice, { recipientEmail: bob.email, credits: '1' }))).toBe('INSUFFICIENT_CREDITS');
      expect(await giftRows(t)).toEqual(before);
      const pkg = await packageWithBonus(t, admin);
      const session = await buy(t, alice.token, pkg.code);
      await fetch(`${t.url}${new URL(session.url).pathname}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: 'action=pay',
        redirect: 'manual',
      });
      const paid = parseCredits(pkg.credits) + parseCredits(pkg.bonusCredits);
      expect((await balanceOf(t, alice.token)).balance).toBe(signup + paid);
      const over = (Number(paid / C) + 1).toString();
      expect(errorCode(await send(t, alice, { recipientEmail: bob.email, credits: over }))).toBe('INSUFFICIENT_CREDITS');
      const half = paid / 2n;
      ok(await send(t, alice, { recipientEmail: bob.email, credits: (Number(half) / 1e6).toFixed(6) }), 'sendGift');
      const pending = ok(await send(t, alice, { recipientEmail: uniqueEmail('gc-paid-nobody'), credits: (Number(paid - half) / 1e6).toFixed(6) }), 'sendGift');
      // The signup bonus is untouched; every paid credit has left.
      expect(await grants(alice.id)).toEqual([['signup', signup]]);
      await expire(pending.id);
      await returnDue();
      expect(await grants(alice.id)).toEqual([
        ['purchase', paid - half],
        ['signup', signup],
      ]);
      expect(await ledgerAudit(t, admin)).toMatchObject({ violations: [] });
    } finally {
      await setGiftPaidOnly(t, admin, false);
    }
  });
});

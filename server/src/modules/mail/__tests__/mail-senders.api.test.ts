import { randomUUID } from 'node:crypto';
import { parseCredits } from '@tollgate/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test-support/app.js';
import { recordSecret } from '../../../test-support/log-capture.js';
import { buy, packageWithBonus, redisEnv } from '../../billing/__tests__/billing-support.js';
import { uniqueEmail } from '../../auth/__tests__/helpers.js';
import { autoRechargePayments, credits, setAutoRecharge, spendConcurrently } from '../../billing/__tests__/auto-recharge-support.js';
import { COMPLETE, balanceOf, ledgerAudit, newUser, ok, setAvailable, signInAdmin } from '../../gateway/__tests__/support.js';
import { CLAIM, member, send } from '../../promotions/__tests__/gift-support.js';
import { linkIn, mailsTo, outbox } from './mail-support.js';

const PUBLIC_URL = 'http://tollgate.test:8080';
const C = 1_000_000n;

describe('the mails the app sends (development outbox)', () => {
  let t: TestApp;
  let admin: string;
  const emailOf = async (token: string) => ok(await t.gql('{ me { email } }', {}, token), 'me').email as string;

  beforeAll(async () => {
    t = await startTestApp({ PUBLIC_URL, ...redisEnv('mail-senders') });
    admin = await signInAdmin(t);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('a completion that takes the balance below the threshold mails one low-balance notice; a turned-off notice is suppressed', async () => {
    const user = await newUser(t, admin, 'mail-low');
    const to = await emailOf(user.token);
    // The default threshold is 5 credits: one micro-credit above it, any charged call crosses it.
    await setAvailable(t, admin, user, 5n * C + 1n);
    const complete = () =>
      t.gql(COMPLETE, { i: { model: 'sandbox/echo', prompt: 'below the line', maxTokens: 20, useCache: false, idempotencyKey: randomUUID() } }, user.token);
    ok(await complete(), 'complete');
    const [notice] = await mailsTo(t, admin, to, 'low_balance');
    expect(notice).toMatchObject({ userId: user.id, status: 'sent', transport: 'outbox', subject: 'Your Tollgate balance is low' });
    expect(notice.text).toMatch(/Your credit balance is 4\.\d\d credits \(about \$0\.0\d\), below your low-balance threshold of 5\.00 credits/);
    expect(notice.text).toContain(`${PUBLIC_URL}/billing`);
    // Still below: no second crossing, no second mail.
    ok(await complete(), 'complete');
    // Back above, opted out, then below again: recorded as suppressed.
    await setAvailable(t, admin, user, 5n * C + 1n);
    ok(await t.gql('mutation { setNotificationPreference(kind: "low_balance", enabled: false) { kind } }', {}, user.token), 'setNotificationPreference');
    ok(await complete(), 'complete');
    const mails = await mailsTo(t, admin, to, 'low_balance', 2);
    expect(mails.map((m) => m.status)).toEqual(['suppressed', 'sent']);
    expect(await ledgerAudit(t, admin)).toMatchObject({ violations: [] });
  });

  it('a gift to an address without an account mails the claim link, and the link claims the gift', async () => {
    const alice = await member(t, 'mail-gift');
    await setAvailable(t, admin, alice, 10n * C);
    const recipient = uniqueEmail('mail-gift-to');
    const gift = ok(await send(t, alice, { recipientEmail: recipient, credits: '2.5', message: 'For your first hour' }), 'sendGift');
    const [mail] = await mailsTo(t, admin, recipient.toLowerCase(), 'gift_link');
    expect(mail).toMatchObject({ userId: null, status: 'sent', subject: `${alice.email} sent you Tollgate credits` });
    expect(mail.text).toContain('2.50 credits');
    expect(mail.text).toContain('For your first hour');
    const link = linkIn(mail.text);
    expect(link).toBe(gift.claimUrl);
    const token = new URL(link).searchParams.get('token')!;
    recordSecret(token);
    // The recipient signs up and follows the link.
    const bob = await member(t, 'mail-gift-bob', recipient);
    expect(ok(await t.gql(CLAIM, { t: token }, bob.token), 'claimGift')).toMatchObject({ status: 'CLAIMED', credits: '2.500000' });
    expect(await ledgerAudit(t, admin)).toMatchObject({ violations: [] });
  });

  it('a gift to an existing user mails a notice without a link; a retried send mails nothing more', async () => {
    const alice = await member(t, 'mail-gift2');
    const bob = await member(t, 'mail-gift2-to');
    await setAvailable(t, admin, alice, 10n * C);
    const input = { recipientEmail: bob.email, credits: '1', idempotencyKey: randomUUID() };
    ok(await send(t, alice, input), 'sendGift');
    ok(await send(t, alice, input), 'sendGift');
    const mails = await mailsTo(t, admin, bob.email, 'gift_link');
    expect(mails).toHaveLength(1);
    expect(mails[0]).toMatchObject({ userId: bob.id, status: 'sent' });
    expect(mails[0].text).toContain('they are in your balance already');
    expect(mails[0].text).not.toContain('token=');
  });

  it('a paid credit package mails a receipt with the amount paid and the credits added', async () => {
    const user = await newUser(t, admin, 'mail-receipt');
    const to = await emailOf(user.token);
    const pkg = await packageWithBonus(t, admin);
    const session = await buy(t, user.token, pkg.code);
    // Pay pressed twice at once: one payment, so one receipt.
    const pay = () =>
      fetch(`${t.url}${new URL(session.url).pathname}`, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ action: 'pay' }).toString(),
        redirect: 'manual',
      });
    expect((await Promise.all([pay(), pay()])).map((r) => r.status)).toEqual([303, 303]);
    const [receipt] = await mailsTo(t, admin, to, 'payment_receipt');
    expect(receipt).toMatchObject({ userId: user.id, status: 'sent', subject: `Your Tollgate receipt: $${pkg.priceUsd}` });
    const added = parseCredits(pkg.credits) + parseCredits(pkg.bonusCredits);
    expect(receipt.text).toContain(`Paid: $${pkg.priceUsd}`);
    expect(receipt.text).toContain(`For: Credit package ${pkg.code}`);
    expect(receipt.text).toContain(`Credits added: ${(added / C).toLocaleString('en-US')}.00 credits`);
    expect(receipt.text).toContain(`Reference: ${session.id}`);
    expect((await balanceOf(t, user.token)).balance).toBeGreaterThanOrEqual(added);
    // A mail sent now lands after anything a second fulfilment could have sent.
    await t.app.services.mail.send({ kind: 'team_invitation', to, userId: user.id, subject: 'sentinel', text: 'sentinel' });
    expect((await outbox(t, admin, to)).filter((m) => m.kind === 'payment_receipt')).toHaveLength(1);
  });

  it('an automatic recharge mails a receipt too (the same paid-grant hook)', async () => {
    const user = await newUser(t, admin, 'mail-recharge');
    const to = await emailOf(user.token);
    const pkg = await packageWithBonus(t, admin);
    await setAutoRecharge(t, user.token, { enabled: true, belowCredits: credits(100), packageCode: pkg.code, monthlyLimitUsd: '1000' });
    await setAvailable(t, admin, user, 150n * C);
    await spendConcurrently(t, user.id, 5, 12n * C);
    expect(await autoRechargePayments(t, user.token)).toEqual([expect.objectContaining({ status: 'PAID' })]);
    const [receipt] = await mailsTo(t, admin, to, 'payment_receipt');
    expect(receipt.text).toContain('For: Automatic recharge');
    expect(receipt.text).toContain(`Paid: $${pkg.priceUsd}`);
    expect(await ledgerAudit(t, admin)).toMatchObject({ violations: [] });
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test-support/app.js';
import { deliver, redisEnv, stripeEvent, WEBHOOK_SECRET } from '../../billing/__tests__/billing-support.js';
import { FakeStripe } from '../../billing/__tests__/fakes/fake-stripe.js';
import { FakeStripeSubscriptions } from '../../billing/__tests__/fakes/fake-stripe-subscriptions.js';
import { subscribe, subscription } from '../../billing/__tests__/subscription-support.js';
import { ledgerAudit, newUser, ok, signInAdmin } from '../../gateway/__tests__/support.js';
import { mailsTo, outbox } from './mail-support.js';

const PUBLIC_URL = 'https://tollgate.example';

describe('subscription mails through Stripe (fake) webhooks', () => {
  let fake: FakeStripe;
  let billing: FakeStripeSubscriptions;
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    fake = new FakeStripe();
    billing = new FakeStripeSubscriptions(fake);
    await fake.start();
    t = await startTestApp({
      STRIPE_SECRET_KEY: 'sk_test_tollgate',
      STRIPE_API_URL: fake.url,
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      PUBLIC_URL,
      ...redisEnv('mail-past-due'),
    });
    await t.app.billing.syncCatalog();
    admin = await signInAdmin(t);
  });
  afterAll(async () => {
    await t?.stop();
    await fake?.stop();
  });

  const delivered = async (events: object[]) => {
    for (const e of events) expect((await deliver(t, e)).status).toBe(200);
  };

  it('a paid subscription invoice mails a receipt; a failed renewal mails one past-due notice; a late failure of a paid invoice mails none', async () => {
    const user = await newUser(t, admin, 'mail-sub');
    const to = ok(await t.gql('{ me { email } }', {}, user.token), 'me').email as string;
    const session = await subscribe(t, user.token, 'starter');
    const done = billing.completeCheckout(session.id);
    await delivered([
      stripeEvent('checkout.session.completed', done.session),
      stripeEvent('customer.subscription.created', done.subscription),
      stripeEvent('invoice.paid', done.invoice),
      stripeEvent('invoice.payment_succeeded', done.invoice),
    ]);
    const [receipt] = await mailsTo(t, admin, to, 'payment_receipt');
    expect(receipt.subject).toMatch(/^Your Tollgate receipt: \$\d+\.\d\d$/);
    expect(receipt.text).toContain('For: Starter plan');
    expect(receipt.text).toContain('Credits added: 1,000.00 credits');

    const { subscription: pastDue, invoice } = billing.renew(done.subscription.id, 'failed');
    const failed = stripeEvent('invoice.payment_failed', invoice);
    await delivered([failed, failed, stripeEvent('customer.subscription.updated', pastDue)]);
    expect(await subscription(t, user.token)).toMatchObject({ status: 'PAST_DUE' });
    const [notice] = await mailsTo(t, admin, to, 'past_due');
    expect(notice).toMatchObject({ userId: user.id, status: 'sent', subject: 'Payment for your Tollgate Starter plan failed' });
    expect(notice.text).toContain(`${PUBLIC_URL}/billing`);

    // The retry is paid (a second receipt); the old failure delivered again as a new event changes nothing and mails nothing.
    const paid = billing.payInvoice(invoice.id);
    await delivered([stripeEvent('invoice.paid', paid), stripeEvent('customer.subscription.updated', billing.snapshot(done.subscription.id))]);
    await mailsTo(t, admin, to, 'payment_receipt', 2);
    await delivered([stripeEvent('invoice.payment_failed', invoice)]);
    // A mail sent now lands after anything the late failure's commit could have sent.
    await t.app.services.mail.send({ kind: 'team_invitation', to, userId: user.id, subject: 'sentinel', text: 'sentinel' });
    const kinds = (await outbox(t, admin, to)).map((m) => m.kind);
    expect(kinds.filter((k) => k === 'past_due')).toHaveLength(1);
    expect(kinds.filter((k) => k === 'payment_receipt')).toHaveLength(2);
    expect(await ledgerAudit(t, admin)).toMatchObject({ violations: [] });
  });
});

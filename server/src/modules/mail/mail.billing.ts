import type { Sql } from '../../platform/sql.js';
import { billingEmailOf, type AfterCommit, type Billing, type PaidGrant } from '../billing/index.js';
import type { MailService } from './mail.service.js';
import { pastDueMail, receiptMail } from './mail.templates.js';

interface Opts {
  publicUrl: string;
}

// The payment a paid grant's reference names (billing's own keys: checkout:cs_…, invoice:in_…, payment_intent:pi_…).
// Sent to the account's billing contact (a team's billing e-mail). Read in the paying transaction, so the row is the one being marked paid; billing owns the table, mail only reads it.
const PAYMENT_BY_REFERENCE = `
  select p.kind, p.package_code, p.tier_code, p.amount_cents, p.currency, p.paid_at, ${billingEmailOf('u')} as email, t.name as tier_name
  from payment p join app_user u on u.id = p.user_id left join tier t on t.code = p.tier_code
  where p.user_id = $1 and case split_part($2, ':', 1)
    when 'checkout' then p.checkout_session_id = split_part($2, ':', 2)
    when 'invoice' then p.stripe_invoice_id = split_part($2, ':', 2)
    when 'payment_intent' then p.stripe_payment_intent_id = split_part($2, ':', 2)
    else false end
  limit 1`;

const what = (r: Record<string, any>) =>
  r.kind === 'subscription'
    ? `${r.tier_name ?? r.tier_code ?? 'Subscription'} plan`
    : r.kind === 'package'
      ? `Credit package ${r.package_code}`
      : 'Automatic recharge';

/**
 * Receipts and past-due notices, hung on billing's own extension points so billing does not depend
 * on mail: a paid-grant hook (every package, subscription invoice and auto-recharge payment runs it
 * once, in its transaction) and a second `invoice.payment_failed` webhook handler (run after
 * billing's, in the event's transaction). Both read what they need inside the transaction and
 * send after it commits, so a rolled-back payment never mails.
 */
export function mailBillingNotices(mail: MailService, billing: Pick<Billing, 'paidGrants' | 'handlers' | 'stripe'>, opts: Opts): void {
  billing.paidGrants.add(async (tx: Sql, grant: PaidGrant, afterCommit: AfterCommit) => {
    const [row] = await tx.query(PAYMENT_BY_REFERENCE, [grant.userId, grant.reference]);
    if (!row) return;
    const receipt = receiptMail({
      what: what(row),
      amountCents: BigInt(row.amount_cents),
      currency: row.currency,
      creditsMicro: grant.credits,
      paidAt: row.paid_at ? new Date(row.paid_at) : new Date(),
      reference: grant.reference.split(':')[1] ?? grant.reference,
      publicUrl: opts.publicUrl,
    });
    afterCommit(() => void mail.send({ ...receipt, to: row.email, userId: grant.userId }));
  });

  if (!billing.stripe) return; // without Stripe there are no subscription invoices to fail
  billing.handlers.register('invoice.payment_failed', async (event, tx, afterCommit) => {
    const invoiceId = (event.data.object as { id?: string }).id;
    if (!invoiceId) return;
    // Billing's handler (registered first) has recorded the failure; a late failure of a paid invoice leaves it paid: no notice.
    const [row] = await tx.query(
      `select p.user_id, p.amount_cents, p.currency, p.tier_code, ${billingEmailOf('u')} as email, t.name as tier_name
       from payment p join app_user u on u.id = p.user_id left join tier t on t.code = p.tier_code
       where p.stripe_invoice_id = $1 and p.kind = 'subscription' and p.status = 'failed'`,
      [invoiceId],
    );
    if (!row) return;
    const notice = pastDueMail({
      tierName: row.tier_name ?? row.tier_code ?? 'subscription',
      amountCents: BigInt(row.amount_cents),
      currency: row.currency,
      publicUrl: opts.publicUrl,
    });
    afterCommit(() => void mail.send({ ...notice, to: row.email, userId: row.user_id }));
  });
}

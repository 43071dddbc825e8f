import type { Sql } from '../../platform/sql.js';
import type { BillingStore } from './billing.store.js';
import type { StripeClient } from './stripe.client.js';

/**
 * The billing contact of an account: where its Stripe customer, receipts and billing mail
 * (low balance, past due) go. A team's account holder has a synthetic address that no one reads
 * (`team-<uuid>@teams.invalid`), so a team's contact is its `billing_email`; a person's is their own
 * e-mail (docs/decisions/0057-team-billing.md). Never the caller's e-mail: an admin buying for a
 * team is not its billing contact.
 *
 * `billingEmailOf('u')` is the SQL expression for an `app_user` aliased `u`, for statements that
 * already join it; `billingEmail` reads one account's.
 */
export const billingEmailOf = (userAlias: string): string =>
  `coalesce((select bt.billing_email from team bt where bt.id = ${userAlias}.id), ${userAlias}.email)`;

/** The account's billing contact, or null when there is no such account. */
export async function billingEmail(sql: Sql, accountId: string): Promise<string | null> {
  return (await billingContact(sql, accountId))?.email ?? null;
}

async function billingContact(sql: Sql, accountId: string): Promise<{ email: string; team: boolean } | null> {
  const rows = await sql.query(`select ${billingEmailOf('u')} as email, u.kind = 'team' as team from app_user u where u.id = $1`, [accountId]);
  return rows[0] ? { email: rows[0].email, team: Boolean(rows[0].team) } : null;
}

/**
 * The account's Stripe customer, created once (the create's idempotency key is the account's id,
 * and the row is unique per account), at the account's billing contact, never the caller's e-mail
 * (an admin buying for a team is not its contact). A team's billing e-mail may change after its
 * customer was made, so a team's known customer is given the current one each time a checkout
 * opens: Stripe's own receipts and invoices then follow it. A person's never changes.
 */
export async function stripeCustomer(
  deps: { sql: Sql; store: Pick<BillingStore, 'customerOf' | 'saveCustomer'>; stripe: StripeClient },
  user: { id: string; email: string },
): Promise<string> {
  const contact = await billingContact(deps.sql, user.id);
  const email = contact?.email ?? user.email;
  const known = await deps.store.customerOf(user.id);
  if (known) {
    if (contact?.team) await deps.stripe.customers.update(known, { email });
    return known;
  }
  const created = await deps.stripe.customers.create({ email, metadata: { tollgate_user_id: user.id } }, { idempotencyKey: `tollgate-customer-${user.id}` });
  return deps.store.saveCustomer(user.id, created.id);
}

import type { Sql } from '../../platform/sql.js';

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
  const rows = await sql.query(`select ${billingEmailOf('u')} as email from app_user u where u.id = $1`, [accountId]);
  return rows[0]?.email ?? null;
}

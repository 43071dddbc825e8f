/**
 * How a credit grant is classed and priced (docs/analytics.md, "Credits"), as SQL shared by the
 * daily close and the live position, so the two agree by construction.
 *
 * A grant's `reference` names what paid for it: `checkout:<session>`, `invoice:<invoice>` or
 * `payment_intent:<intent>` (billing/refund.clawback.ts grantReferencesOf). Paid:
 * - purchase and subscription grants whose payment has amount_cents > 0, except the package bonus
 *   (its entry's idempotency key ends in `:bonus`; billing/package-grants.ts);
 * - rollover and gift grants (paid credit carried over or moved between users);
 * - purchase, subscription and rollover credit that came back from an unclaimed gift (reference
 *   `gift:<id>`, promotions/gift.ledger.ts returnToSender): paid credit comes back paid
 *   (docs/decisions/0026).
 * Everything else is promotional. A grant that came back from a gift is a movement, never a sale
 * nor a new promotional grant (`moved`).
 *
 * Price: nano-dollars per micro-credit as num/den: the payment's amount_cents ÷ credits (bonus
 * excluded, payment.credits), or the nominal CREDIT_USD for gifts, returned gifts and a paid grant
 * whose payment names no credits. A grant's liability share is ⌊remaining × num ÷ den⌋.
 */

/** Columns: id, source, amount, remaining, created_at, paid, moved, num, den (numeric). `$cu` is CREDIT_USD in micro-dollars. */
export function classifiedGrants(where: string, cu: string): string {
  return `select g.id, g.source, g.amount, g.remaining, g.created_at,
      (g.source in ('rollover', 'gift')
        or (g.source in ('purchase', 'subscription') and coalesce(g.reference, '') like 'gift:%')
        or (g.source in ('purchase', 'subscription') and coalesce(pay.amount_cents, 0) > 0 and coalesce(ge.idempotency_key, '') not like '%:bonus')) as paid,
      coalesce(g.reference, '') like 'gift:%' as moved,
      case when g.source = 'gift' or coalesce(g.reference, '') like 'gift:%' or coalesce(pay.credits, 0) <= 0
        then ${cu}::numeric * 1000 else pay.amount_cents::numeric * 10000000 end as num,
      case when g.source = 'gift' or coalesce(g.reference, '') like 'gift:%' or coalesce(pay.credits, 0) <= 0
        then 1000000::numeric else pay.credits::numeric end as den
    from credit_grant g
    left join ledger_entry ge on ge.id = g.entry_id
    left join lateral (
      select p.amount_cents, p.credits from payment p
      where (g.reference like 'checkout:%' and p.checkout_session_id = substr(g.reference, 10))
      union all
      select p.amount_cents, p.credits from payment p
      where (g.reference like 'invoice:%' and p.stripe_invoice_id = substr(g.reference, 9))
      union all
      (select p.amount_cents, p.credits from payment p
       where (g.reference like 'payment_intent:%' and p.stripe_payment_intent_id = substr(g.reference, 16))
       order by (p.kind = 'auto_recharge') desc, p.seq limit 1)
      limit 1) pay on true
    where ${where}`;
}

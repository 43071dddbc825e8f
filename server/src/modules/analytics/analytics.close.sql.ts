import { classifiedGrants } from './analytics.grants.js';

/**
 * The statements of the daily close (docs/analytics.md, "The daily close"). A day is read once:
 * its debits (with their grant links) and the grants created in it. Each grant's remainder at the
 * end of the last day that touched it is kept (analytics_close_grant), so a day starts from there
 * and never reads another day's rows. Every burn links its grants (ledger_entry_grant); the ledger
 * audit checks that for every debit.
 */

/**
 * $1 day start, $2 day end, $3 CREDIT_USD in micro-dollars, $4 the day (YYYY-MM-DD). One row: the day's flows (sold, granted,
 * expired, clawed back) and how the paid/promotional outstanding credit and the liability (nano,
 * Σ per grant of ⌊remaining × price⌋) moved over the day.
 */
export const DAY_FIGURES = `with debits as materialized (
    select e.id, e.type, e.amount from ledger_entry e where e.created_at >= $1 and e.created_at < $2 and e.amount < 0),
  draws as materialized (
    -- per debit through the primary key (entry_id, grant_id): a plain join was planned as a hash over the whole
    -- ledger_entry_grant at 10M rows (docs/bench-analytics.md); OFFSET 0 keeps the lateral a per-row lookup
    select eg.grant_id, sum(eg.amount) as drawn
    from debits d cross join lateral (select l.grant_id, l.amount from ledger_entry_grant l where l.entry_id = d.id offset 0) eg
    group by eg.grant_id),
  touched as materialized (
    select id from credit_grant where created_at >= $1 and created_at < $2
    union select grant_id from draws),
  grants as materialized (${classifiedGrants('g.id in (select id from touched)', '$3')}),
  starts as materialized (
    select c.*, coalesce(dr.drawn, 0) as drawn,
      case when c.created_at >= $1 then 0
        -- the grant's remainder at its last close; for a grant older than every close, its amount less the draws before the day
        else coalesce(
          (select k.remaining from analytics_close_grant k where k.grant_id = c.id and k.day < $4::date),
          c.amount - (select coalesce(sum(eg.amount), 0) from ledger_entry_grant eg
                      where eg.grant_id = c.id and (select e.created_at from ledger_entry e where e.id = eg.entry_id) < $1)) end as rem_start
    from grants c left join draws dr on dr.grant_id = c.id),
  moves as materialized (
    select *, (case when created_at >= $1 then amount else rem_start end) - drawn as rem_end from starts)
  select
    (select coalesce(sum(-amount) filter (where type = 'expiry'), 0) from debits)::text as expired,
    (select coalesce(sum(-amount) filter (where type = 'clawback'), 0) from debits)::text as clawed_back,
    coalesce(sum(amount) filter (where created_at >= $1 and paid and source in ('purchase', 'subscription') and not moved), 0)::text as sold,
    coalesce(sum(amount) filter (where created_at >= $1 and not paid and not moved), 0)::text as granted,
    coalesce(sum(rem_end - rem_start) filter (where paid), 0)::text as paid_delta,
    coalesce(sum(rem_end - rem_start) filter (where not paid), 0)::text as promotional_delta,
    coalesce(sum(div(rem_end * num, den) - div(rem_start * num, den)) filter (where paid), 0)::text as liability_delta,
    coalesce(array_agg(id), '{}') as grant_ids, coalesce(array_agg(rem_end::text), '{}') as grant_remainders
  from moves`;

/**
 * $1 day start, $2 day end, $3 CREDIT_USD in micro-dollars. Today's flows only (its position is
 * live): the grants created today and the expiry and clawback entries (a partial index), never
 * today's usage entries, so a summary's cost does not grow with today's calls.
 */
export const DAY_FLOWS = `with created as (${classifiedGrants('g.created_at >= $1 and g.created_at < $2', '$3')}),
  taken as (
    select type, amount from ledger_entry where created_at >= $1 and created_at < $2 and type in ('expiry', 'clawback'))
  select
    (select coalesce(sum(-amount) filter (where type = 'expiry'), 0) from taken)::text as expired,
    (select coalesce(sum(-amount) filter (where type = 'clawback'), 0) from taken)::text as clawed_back,
    coalesce(sum(amount) filter (where paid and source in ('purchase', 'subscription') and not moved), 0)::text as sold,
    coalesce(sum(amount) filter (where not paid and not moved), 0)::text as granted
  from created`;

/** $1 CREDIT_USD in micro-dollars. The position now: Σ remaining by class, and the liability in nano-dollars. */
export const LIVE_POSITION = `select
    coalesce(sum(remaining) filter (where paid), 0)::text as paid,
    coalesce(sum(remaining) filter (where not paid), 0)::text as promotional,
    coalesce(sum(div(remaining * num, den)) filter (where paid), 0)::text as liability
  from (${classifiedGrants('g.remaining > 0', '$1')}) c`;

/**
 * $1 test mode. Active subscriptions now by tier (docs/analytics.md, "Subscriptions"): active,
 * past_due or trialing, in the current payments mode, a free-month coupon's excluded (no money).
 * Every tier with a price or a subscription, cheapest first.
 */
export const SUBSCRIPTIONS_NOW = `select t.code, t.name, t.monthly_price_cents::text as price, count(s.id)::int as count
  from tier t left join subscription s on s.tier_code = t.code and s.status in ('active', 'past_due', 'trialing')
    and s.test_mode = $1 and s.stripe_subscription_id not like 'sub_tollgate_coupon_%'
  group by t.code, t.name, t.monthly_price_cents
  having t.monthly_price_cents > 0 or count(s.id) > 0
  order by t.monthly_price_cents, t.code`;

/**
 * One statement, so the day's row and its grants' remainders are written together or not at all:
 * the first closer of a day writes both; a second one writes nothing ($13 grant ids, $14 remainders).
 */
export const INSERT_CLOSE = `with closed as (
    insert into analytics_daily_close (day, credits_sold, credits_granted, credits_expired, credits_clawed_back,
      outstanding_paid, outstanding_promotional, liability_nano, mrr_cents, active_subscriptions, subscriptions, test_mode)
    values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) on conflict (day) do nothing returning day),
  kept as (
    insert into analytics_close_grant (grant_id, day, remaining)
    select k.id, $1::date, k.remaining from unnest($13::uuid[], $14::bigint[]) as k(id, remaining) where exists (select 1 from closed)
    on conflict (grant_id) do update set day = excluded.day, remaining = excluded.remaining where analytics_close_grant.day < excluded.day)
  select day from closed`;

export const CLOSE_COLUMNS = `day::text as day, credits_sold::text, credits_granted::text, credits_expired::text, credits_clawed_back::text,
  outstanding_paid::text, outstanding_promotional::text, liability_nano::text, mrr_cents::text, active_subscriptions, subscriptions`;

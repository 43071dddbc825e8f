import { UserEconomicsOrder } from './analytics.types.js';

/**
 * Per-user economics in one statement (docs/analytics.md, "Per-user economics and runway"; a team's
 * account is one of them, named "<name> (team)", its app_user address being synthetic): the
 * users' payments of the range, their rollup rows of the range and of the last 30 UTC days, and
 * their account now. Only the rollup is read for usage (never usage_event), over at most
 * 366 + 30 days, so a page costs the same whatever the number of events.
 *
 * Parameters: $1 from, $2 to (instants), $3 fromDay, $4 toDay (dates), $5 testMode, $6 today,
 * $7 search pattern (ilike) or null, $8 search as an exact user id or null, $9 one user or null,
 * $10 runway threshold in days or null (the watch list), $11/$12 the cursor's sort key and user id,
 * $13 page size + 1.
 *
 * Integer arithmetic throughout: cents, nano-dollars, micro-credits; `div` floors the non-negative
 * burn rates and runway (in tenths of a day).
 */
const ECONOMICS_CTE = `
with users as (
  select u.id, coalesce(t.name || ' (team)', u.email) as email, u.tier_code, u.suspended_at,
    coalesce(a.balance, 0)::numeric as balance, coalesce(a.held, 0)::numeric as held
  from app_user u left join credit_account a on a.user_id = u.id left join team t on t.id = u.id
  where ($9::uuid is null or u.id = $9::uuid)
    and ($7::text is null or u.email ilike $7::text or t.name ilike $7::text or u.id::text = $8::text)
), pay as (
  select p.user_id,
    coalesce(sum(p.amount_cents) filter (where p.paid_at >= $1 and p.paid_at < $2 and p.status in ('paid', 'refunded', 'disputed')), 0) as gross,
    coalesce(sum(coalesce(p.fee_cents, 0)) filter (where p.paid_at >= $1 and p.paid_at < $2 and p.status in ('paid', 'refunded', 'disputed')), 0) as fees,
    coalesce(sum(p.amount_refunded_cents) filter (where p.refunded_at >= $1 and p.refunded_at < $2), 0)
      + coalesce(sum(p.amount_cents - p.amount_refunded_cents) filter (where p.disputed_at >= $1 and p.disputed_at < $2), 0) as refunds
  from payment p join users u on u.id = p.user_id
  where p.test_mode = $5
    and ((p.paid_at >= $1 and p.paid_at < $2) or (p.refunded_at >= $1 and p.refunded_at < $2) or (p.disputed_at >= $1 and p.disputed_at < $2))
  group by p.user_id
), spend as (
  select d.user_id,
    coalesce(sum(d.cost_nano) filter (where d.day >= $3::date and d.day < $4::date and not d.byok and d.status <> 'cached'), 0) as cost,
    coalesce(sum(d.charged) filter (where d.day >= $3::date and d.day < $4::date), 0) as consumed,
    coalesce(sum(d.charged) filter (where d.day > $6::date - 7 and d.day <= $6::date), 0) as c7,
    coalesce(sum(d.charged) filter (where d.day > $6::date - 30 and d.day <= $6::date), 0) as c30
  from usage_daily d join users u on u.id = d.user_id
  where (d.day >= $3::date and d.day < $4::date) or (d.day > $6::date - 30 and d.day <= $6::date)
  group by d.user_id
), figures as (
  select u.*, coalesce(p.gross, 0)::numeric as gross, coalesce(p.fees, 0)::numeric as fees, coalesce(p.refunds, 0)::numeric as refunds,
    coalesce(s.cost, 0)::numeric as cost, coalesce(s.consumed, 0)::numeric as consumed,
    div(coalesce(s.c7, 0), 7) as burn7, div(coalesce(s.c30, 0), 30) as burn30
  from users u left join pay p on p.user_id = u.id left join spend s on s.user_id = u.id
), econ as (
  select f.*, f.gross - f.refunds - f.fees as net,
    (f.gross - f.refunds - f.fees) * 10000000 - f.cost as profit_nano,
    div((f.balance - f.held) * 10, nullif(case when f.burn7 > 0 then f.burn7 else f.burn30 end, 0)) as runway_tenths
  from figures f
)`;

/** The sort key of each order, always read "largest first, nulls last, then user id" (RUNWAY negated: shortest first). */
const SORT_KEY: Record<UserEconomicsOrder, string> = {
  [UserEconomicsOrder.REVENUE]: 'e.gross',
  [UserEconomicsOrder.PROVIDER_COST]: 'e.cost',
  [UserEconomicsOrder.PROFIT]: 'e.profit_nano',
  [UserEconomicsOrder.CONSUMED]: 'e.consumed',
  [UserEconomicsOrder.RUNWAY]: '-e.runway_tenths',
};

/**
 * One page: the total of the filtered users and the rows after the cursor. Keyset pagination on
 * (sort key desc nulls last, user id): stable under ties, and a null key (no runway) sorts last.
 * The left join keeps the total when the page is empty (one row of nulls).
 */
export function economicsPageSql(order: UserEconomicsOrder): string {
  return `${ECONOMICS_CTE}, s as (
    select e.*, ${SORT_KEY[order]} as sort_key from econ e
    where $10::numeric is null or (e.runway_tenths is not null and e.runway_tenths < $10::numeric * 10)
  )
  select t.total, p.* from (select count(*)::int as total from s) t
  left join lateral (
    select * from s
    where $12::uuid is null
      or ($11::numeric is null and s.sort_key is null and s.id > $12::uuid)
      or ($11::numeric is not null and (s.sort_key < $11::numeric or (s.sort_key = $11::numeric and s.id > $12::uuid) or s.sort_key is null))
    order by s.sort_key desc nulls last, s.id
    limit $13
  ) p on true`;
}

/**
 * The rollup's completion rows of a range, one per (day, provider, model, BYOK, outcome), each with
 * its list cost: tokens × the model's price in force at the start of its UTC day, in integer
 * nano-dollars (prices are nano-dollars per token). A model without a price at the start of the day
 * (added during it) is listed at its first price of the day. Also per row: whether another price
 * took effect during the day, and the most a provider's prompt-cache discount could take off the
 * input (tokens × (input − cached input price)): cached prompt tokens are not stored per call.
 *
 * Only completions have a provider and a per-token price; per-unit services (trackUsage) are left
 * out. Reads the rollup (never usage_event) and model_price; $1/$2 the days, $3 a provider or null.
 */
export const RECONCILIATION_SQL = `
with r as (
  select d.day, d.provider, d.model_id, d.byok, d.status,
    sum(d.requests + d.error_requests) as requests, sum(d.error_requests) as error_requests,
    sum(d.input_tokens) as input_tokens, sum(d.output_tokens) as output_tokens, sum(d.cost_nano) as cost_nano,
    d.day::timestamp at time zone 'UTC' as day_start, (d.day + 1)::timestamp at time zone 'UTC' as day_end
  from usage_daily d
  where d.service = 'completion' and d.provider <> '' and d.day >= $1::date and d.day < $2::date
    and ($3::text is null or d.provider = $3::text)
  group by d.day, d.provider, d.model_id, d.byok, d.status
)
select r.day::text as day, r.provider, r.model_id, r.byok, r.status, r.requests, r.error_requests,
  r.input_tokens, r.output_tokens, r.cost_nano,
  p.model_id is null as unpriced,
  coalesce(p.effective_from > r.day_start, false) as priced_later,
  coalesce(p.input_nano * r.input_tokens + p.output_nano * r.output_tokens, 0) as list_nano,
  case when p.cached_input_nano < p.input_nano then (p.input_nano - p.cached_input_nano) * r.input_tokens else 0 end as cache_discount_max,
  exists (select 1 from model_price c where c.model_id = r.model_id and c.effective_from > r.day_start and c.effective_from < r.day_end) as price_changed
from r
left join lateral (
  select mp.model_id, mp.input_nano, mp.output_nano, mp.cached_input_nano, mp.effective_from from model_price mp
  where mp.model_id = r.model_id and mp.effective_from < r.day_end
  order by (mp.effective_from <= r.day_start) desc, abs(extract(epoch from mp.effective_from - r.day_start)), mp.effective_from
  limit 1
) p on true
order by r.day, r.provider, r.model_id, r.byok, r.status`;

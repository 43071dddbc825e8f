import type { Row, Sql } from '../../platform/sql.js';
import { daysOf, planRange, type UsageRange } from './usage.range.js';

export interface UsageTotals {
  requests: bigint;
  cachedRequests: bigint;
  errorRequests: bigint;
  inputTokens: bigint;
  outputTokens: bigint;
  units: bigint;
  costNano: bigint;
  charged: bigint;
  saved: bigint;
}

export interface ModelTotals extends UsageTotals {
  service: string;
  /** The model named by the call; '' when it named none. */
  model: string;
}

export interface DayTotals extends UsageTotals {
  day: string;
}

/** One member's share of an account's usage; memberId null: calls attributed to no member (a personal account's own). */
export interface MemberTotals {
  memberId: string | null;
  email: string | null;
  requests: number;
  tokens: bigint;
  charged: bigint;
}

const COLUMNS = ['requests', 'cached_requests', 'error_requests', 'input_tokens', 'output_tokens', 'units', 'cost_nano', 'charged', 'saved'] as const;
const SUMS = COLUMNS.map((c) => `coalesce(sum(${c}), 0)::text as ${c}`).join(', ');

const ZERO: UsageTotals = {
  requests: 0n,
  cachedRequests: 0n,
  errorRequests: 0n,
  inputTokens: 0n,
  outputTokens: 0n,
  units: 0n,
  costNano: 0n,
  charged: 0n,
  saved: 0n,
};

function totals(row: Row): UsageTotals {
  return {
    requests: BigInt(row.requests),
    cachedRequests: BigInt(row.cached_requests),
    errorRequests: BigInt(row.error_requests),
    inputTokens: BigInt(row.input_tokens),
    outputTokens: BigInt(row.output_tokens),
    units: BigInt(row.units),
    costNano: BigInt(row.cost_nano),
    charged: BigInt(row.charged),
    saved: BigInt(row.saved),
  };
}

/**
 * Usage over any range, exact to the event: whole UTC days from usage_daily, the partial days at
 * the edges from usage_event (docs/decisions/0007-metering.md). `userId` null reads everyone (admin).
 * `memberId`: only that member's calls on the account (a team's plain member reads their own), from
 * the events alone, the rollup having no member (docs/decisions/0057-team-billing.md).
 */
export class UsageReads {
  constructor(private readonly sql: Sql) {}

  async summary(userId: string | null, range: UsageRange, memberId: string | null = null): Promise<UsageTotals> {
    const { text, params } = source(userId, range, memberId);
    return totals((await this.sql.query(`select ${SUMS} from (${text}) u`, params))[0]!);
  }

  /** Per service and model, the costliest first. */
  async byModel(userId: string | null, range: UsageRange, memberId: string | null = null): Promise<ModelTotals[]> {
    const { text, params } = source(userId, range, memberId);
    const rows = await this.sql.query(
      `select service, model_id, ${SUMS} from (${text}) u group by service, model_id
       order by sum(charged) desc, sum(requests) desc, service, model_id`,
      params,
    );
    return rows.map((row) => ({ service: row.service, model: row.model_id, ...totals(row) }));
  }

  /** Every UTC day the range touches, oldest first, zeros included so a chart has no gaps. */
  async byDay(userId: string | null, range: UsageRange, memberId: string | null = null): Promise<DayTotals[]> {
    const { text, params } = source(userId, range, memberId);
    const rows = await this.sql.query(`select to_char(day, 'YYYY-MM-DD') as day, ${SUMS} from (${text}) u group by day`, params);
    const found = new Map(rows.map((row) => [row.day as string, totals(row)]));
    return daysOf(range).map((day) => ({ day, ...(found.get(day) ?? ZERO) }));
  }

  /**
   * An account's usage per member over the range, costliest first, from the events themselves (the
   * daily rollup has no member). `memberId`: that member's row only. Served by the (user_id,
   * created_at) index, or by the (user_id, member_id, created_at) one for a single member.
   */
  async byMember(accountId: string, range: UsageRange, memberId: string | null): Promise<MemberTotals[]> {
    const params: unknown[] = [accountId, range.from, range.to];
    if (memberId) params.push(memberId);
    const rows = await this.sql.query(
      `select e.member_id, m.email, count(*) filter (where e.status <> 'error')::int as requests,
              coalesce(sum(e.input_tokens + e.output_tokens), 0)::text as tokens, coalesce(sum(e.charged), 0)::text as charged
       from usage_event e left join app_user m on m.id = e.member_id
       where e.user_id = $1 and e.created_at >= $2 and e.created_at < $3${memberId ? ' and e.member_id = $4' : ''}
       group by e.member_id, m.email order by sum(e.charged) desc, requests desc, m.email nulls last`,
      params,
    );
    return rows.map((r) => ({
      memberId: r.member_id ?? null,
      email: r.email ?? null,
      requests: r.requests,
      tokens: BigInt(r.tokens),
      charged: BigInt(r.charged),
    }));
  }
}

/** One event as a row of the rollup's shape (the columns `SUMS` adds up). */
const EVENT_ROW = `(created_at at time zone 'UTC')::date as day, service, coalesce(model_id, '') as model_id, (status <> 'error')::int as requests,
  cached::int as cached_requests, (status = 'error')::int as error_requests, input_tokens, output_tokens, units, cost_nano, charged, saved`;

function source(userId: string | null, range: UsageRange, memberId: string | null): { text: string; params: unknown[] } {
  if (memberId !== null) {
    // One member of one account: the (user_id, member_id, created_at) index, over the whole range.
    return {
      text: `select ${EVENT_ROW} from usage_event where user_id = $1 and member_id = $2 and created_at >= $3 and created_at < $4`,
      params: [userId, memberId, range.from, range.to],
    };
  }
  const plan = planRange(range);
  const params: unknown[] = [userId, plan.firstDay, plan.endDay];
  const spans = plan.eventSpans.map(([start, end]) => {
    params.push(start, end);
    return `(created_at >= $${params.length - 1} and created_at < $${params.length})`;
  });
  const text = `
    select day, service, model_id, ${COLUMNS.join(', ')}
    from usage_daily where ($1::uuid is null or user_id = $1) and day >= $2::date and day < $3::date
    union all
    select (created_at at time zone 'UTC')::date, service, coalesce(model_id, ''), (status <> 'error')::int, cached::int, (status = 'error')::int,
      input_tokens, output_tokens, units, cost_nano, charged, saved
    from usage_event where ($1::uuid is null or user_id = $1) and (${spans.length ? spans.join(' or ') : 'false'})`;
  return { text, params };
}

import { NotFoundError } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';
import { systemClock } from '../../platform/clock.js';
import type { AnalyticsDeps } from './analytics.deps.js';
import { dayOf, parseRange, type AnalyticsRange } from './analytics.range.js';
import { UserEconomicsOrder, type UserEconomics, type UserEconomicsConnection } from './analytics.types.js';
import { toUserEconomics } from './economics.mappers.js';
import { decodeCursor, encodeCursor, pageSize, parseSearch, parseThreshold } from './economics.page.js';
import { economicsPageSql } from './economics.sql.js';

export interface EconomicsPageRequest {
  range: Pick<AnalyticsRange, 'from' | 'to'>;
  search?: string | null;
  first?: number | null;
  after?: string | null;
  orderBy?: UserEconomicsOrder | null;
}

interface Query extends EconomicsPageRequest {
  userId?: string | null;
  thresholdDays?: number | null;
}

/**
 * Per-user economics, burn rate and runway (docs/analytics.md, "Per-user economics and runway").
 * Read-only; every argument is checked before anything is read. The range is the caller's
 * (parseRange); the "now" figures (balance, burn, runway) use the clock's current UTC day.
 */
export class UserEconomicsService {
  constructor(readonly deps: AnalyticsDeps) {}

  private now(): Date {
    return (this.deps.clock ?? systemClock).now();
  }

  /** The range of a query, defaults and checks per docs/analytics.md ("Ranges"). */
  range(from: Date | null | undefined, to: Date | null | undefined): AnalyticsRange {
    return parseRange(from, to, this.now());
  }

  /** Every user (or those the search matches), ordered by orderBy (default REVENUE), a page at a time. */
  page(req: EconomicsPageRequest): Promise<UserEconomicsConnection> {
    return this.query(req);
  }

  /** One user's economics (the admin user page). */
  async forUser(userId: string, range: Pick<AnalyticsRange, 'from' | 'to'>): Promise<UserEconomics> {
    if (!isUuid(userId)) throw new NotFoundError('User');
    const page = await this.query({ range, userId, first: 1 });
    const found = page.nodes[0];
    if (!found) throw new NotFoundError('User');
    return found;
  }

  /**
   * The runway watch list: users whose runway (floored to 0.1 day) is under the threshold
   * (default 7 days), shortest first. Users spending nothing have no runway and never appear.
   */
  watch(req: { thresholdDays?: number | null; first?: number | null; after?: string | null }): Promise<UserEconomicsConnection> {
    const thresholdDays = parseThreshold(req.thresholdDays);
    return this.query({ range: this.range(null, null), first: req.first, after: req.after, orderBy: UserEconomicsOrder.RUNWAY, thresholdDays });
  }

  private async query(q: Query): Promise<UserEconomicsConnection> {
    const order = q.orderBy ?? UserEconomicsOrder.REVENUE;
    const first = pageSize(q.first);
    const cursor = decodeCursor(q.after, order);
    const search = parseSearch(q.search);
    const { from, to } = q.range;
    const rows = await this.deps.sql.query(economicsPageSql(order), [
      from,
      to,
      dayOf(from),
      dayOf(to),
      this.deps.testMode(),
      dayOf(this.now()),
      search?.pattern ?? null,
      search?.exactId ?? null,
      q.userId ?? null,
      q.thresholdDays == null ? null : String(q.thresholdDays),
      cursor?.key ?? null,
      cursor?.userId ?? null,
      first + 1,
    ]);
    const totalCount = rows[0]?.total ?? 0;
    const found = rows.filter((r) => r.id != null);
    const page = found.slice(0, first);
    const last = page.at(-1);
    return {
      nodes: page.map(toUserEconomics),
      pageInfo: {
        endCursor: last ? encodeCursor({ order, key: last.sort_key == null ? null : String(last.sort_key), userId: last.id }) : null,
        hasNextPage: found.length > first,
      },
      totalCount,
    };
  }
}

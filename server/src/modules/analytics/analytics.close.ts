import type { Row } from '../../platform/sql.js';
import type { AnalyticsDeps } from './analytics.deps.js';
import { addDays, DAY_MS, dayOf } from './analytics.range.js';
import { creditUsdMicroOf } from './analytics.usd.js';
import { CLOSE_COLUMNS, DAY_FIGURES, DAY_FLOWS, INSERT_CLOSE, LIVE_POSITION, SUBSCRIPTIONS_NOW } from './analytics.close.sql.js';

/** Outstanding credit at an instant: paid and promotional micro-credits, the paid part's liability in nano-dollars. */
export interface Position {
  paid: bigint;
  promotional: bigint;
  liabilityNano: bigint;
}

export interface Flows {
  sold: bigint;
  granted: bigint;
  expired: bigint;
  clawedBack: bigint;
}

export interface TierCount {
  tierCode: string;
  tierName: string;
  count: number;
  mrrCents: bigint;
}

export interface Subscriptions {
  mrrCents: bigint;
  active: number;
  byTier: TierCount[];
}

export interface DayClose {
  day: string;
  flows: Flows;
  position: Position;
  subscriptions: Subscriptions;
}

export const ZERO_POSITION: Position = { paid: 0n, promotional: 0n, liabilityNano: 0n };
export const ZERO_FLOWS: Flows = { sold: 0n, granted: 0n, expired: 0n, clawedBack: 0n };

/**
 * A day is closed only once it ended this long ago: a ledger transaction stamps its rows with the
 * instant it started, so one that began at 23:59:59.9 may commit after midnight. Until then the day
 * is computed live from the same statements (docs/decisions/0026).
 */
export const CLOSE_GRACE_MS = 5 * 60_000;

const start = (day: string) => new Date(`${day}T00:00:00Z`);

/** The daily close (docs/analytics.md): lazily written, one row per ended day, never rewritten. */
export class DailyClose {
  constructor(private readonly deps: AnalyticsDeps) {}

  private get creditUsdMicro(): string {
    return creditUsdMicroOf(this.deps.config.CREDIT_USD).toString();
  }

  /** The last day that may be closed at `now` (its end + grace has passed). */
  lastClosable(now: Date): string {
    return dayOf(new Date(now.getTime() - CLOSE_GRACE_MS - DAY_MS));
  }

  /**
   * Closes every ended day not closed yet, oldest first, each from the previous close and its own
   * rows. Two callers at once compute the same rows; `on conflict do nothing` keeps the first.
   */
  async closeThrough(now: Date): Promise<void> {
    const through = this.lastClosable(now);
    const [last] = await this.deps.sql.query(`select ${CLOSE_COLUMNS} from analytics_daily_close order by day desc limit 1`);
    let day: string | null;
    let prev: Position;
    if (last) {
      day = addDays(last.day, 1);
      prev = toClose(last).position;
    } else {
      const [first] = await this.deps.sql.query(`select to_char(min(created_at) at time zone 'UTC', 'YYYY-MM-DD') as day from ledger_entry`);
      day = first?.day ?? null;
      prev = ZERO_POSITION;
    }
    if (day === null) return;
    for (; day <= through; day = addDays(day, 1)) prev = await this.close(day, prev);
  }

  private async close(day: string, prev: Position): Promise<Position> {
    const { flows, position, grants } = await this.dayFigures(day, prev);
    const subs = await this.subscriptionsNow();
    const inserted = await this.deps.sql.query(INSERT_CLOSE, [
      day,
      flows.sold,
      flows.granted,
      flows.expired,
      flows.clawedBack,
      position.paid,
      position.promotional,
      position.liabilityNano,
      subs.mrrCents,
      subs.active,
      JSON.stringify(subs.byTier.map((t) => ({ ...t, mrrCents: t.mrrCents.toString() }))),
      this.deps.testMode(),
      grants.ids,
      grants.remainders,
    ]);
    if (inserted.length > 0) return position;
    // Another caller closed it first: carry its row forward (the same figures, by construction).
    const [stored] = await this.deps.sql.query(`select ${CLOSE_COLUMNS} from analytics_daily_close where day = $1`, [day]);
    return toClose(stored!).position;
  }

  /** One day's flows and its end-of-day position from the previous one (no write): the close's own computation. */
  async dayFigures(day: string, prev: Position): Promise<{ flows: Flows; position: Position; grants: { ids: string[]; remainders: string[] } }> {
    const [r] = await this.deps.sql.query(DAY_FIGURES, [start(day), start(addDays(day, 1)), this.creditUsdMicro, day]);
    return {
      grants: { ids: r!.grant_ids, remainders: r!.grant_remainders },
      flows: { sold: BigInt(r!.sold), granted: BigInt(r!.granted), expired: BigInt(r!.expired), clawedBack: BigInt(r!.clawed_back) },
      position: {
        paid: prev.paid + BigInt(r!.paid_delta),
        promotional: prev.promotional + BigInt(r!.promotional_delta),
        liabilityNano: prev.liabilityNano + BigInt(r!.liability_delta),
      },
    };
  }

  /** One day's flows alone (today's: its position is live). The same figures as dayFigures' flows. */
  async dayFlows(day: string): Promise<Flows> {
    const [r] = await this.deps.sql.query(DAY_FLOWS, [start(day), start(addDays(day, 1)), this.creditUsdMicro]);
    return { sold: BigInt(r!.sold), granted: BigInt(r!.granted), expired: BigInt(r!.expired), clawedBack: BigInt(r!.clawed_back) };
  }

  /** The position now, from every grant's remainder (Σ remaining = Σ balances). */
  async livePosition(): Promise<Position> {
    const [r] = await this.deps.sql.query(LIVE_POSITION, [this.creditUsdMicro]);
    return { paid: BigInt(r!.paid), promotional: BigInt(r!.promotional), liabilityNano: BigInt(r!.liability) };
  }

  async subscriptionsNow(): Promise<Subscriptions> {
    const rows = await this.deps.sql.query(SUBSCRIPTIONS_NOW, [this.deps.testMode()]);
    const byTier = rows.map((r) => ({
      tierCode: r.code as string,
      tierName: r.name as string,
      count: r.count as number,
      mrrCents: BigInt(r.price) * BigInt(r.count),
    }));
    return { byTier, active: byTier.reduce((a, t) => a + t.count, 0), mrrCents: byTier.reduce((a, t) => a + t.mrrCents, 0n) };
  }

  /** The stored closes of [fromDay, toDay). */
  async read(fromDay: string, toDay: string): Promise<Map<string, DayClose>> {
    const rows = await this.deps.sql.query(`select ${CLOSE_COLUMNS} from analytics_daily_close where day >= $1 and day < $2`, [fromDay, toDay]);
    return new Map(rows.map((r) => [r.day as string, toClose(r)]));
  }

  /** The latest close before `day` (the position a day starts from), or none. */
  async before(day: string): Promise<DayClose | null> {
    const [r] = await this.deps.sql.query(`select ${CLOSE_COLUMNS} from analytics_daily_close where day < $1 order by day desc limit 1`, [day]);
    return r ? toClose(r) : null;
  }
}

function toClose(r: Row): DayClose {
  const byTier = (r.subscriptions as Array<Record<string, any>>).map((t) => ({
    tierCode: t.tierCode,
    tierName: t.tierName,
    count: t.count,
    mrrCents: BigInt(t.mrrCents),
  }));
  return {
    day: r.day,
    flows: { sold: BigInt(r.credits_sold), granted: BigInt(r.credits_granted), expired: BigInt(r.credits_expired), clawedBack: BigInt(r.credits_clawed_back) },
    position: { paid: BigInt(r.outstanding_paid), promotional: BigInt(r.outstanding_promotional), liabilityNano: BigInt(r.liability_nano) },
    subscriptions: { mrrCents: BigInt(r.mrr_cents), active: r.active_subscriptions, byTier },
  };
}

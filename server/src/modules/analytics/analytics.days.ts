import { DailyClose, ZERO_FLOWS, ZERO_POSITION, type DayClose, type Position, type Subscriptions } from './analytics.close.js';
import { dayOf, type AnalyticsRange } from './analytics.range.js';

const NO_SUBSCRIPTIONS: Subscriptions = { mrrCents: 0n, active: 0, byTier: [] };

/**
 * Every day of the range with its credit flows and end-of-day position (docs/analytics.md, "The
 * daily close"): a closed day from its row (zeros before the first activity ever); a day that ended
 * within the close's grace from the same statement, unsaved; today's flows from the grants and the
 * expiry and clawback entries created today, its position live (Σ remaining now); a future day holds no flows and the position now.
 * The caller closes what can be closed first (DailyClose.closeThrough).
 */
export async function dayTimeline(close: DailyClose, range: AnalyticsRange, now: Date): Promise<DayClose[]> {
  const today = dayOf(now);
  const through = close.lastClosable(now);
  const stored = await close.read(range.days[0]!, dayOf(range.to));
  let live: { position: Position; subscriptions: Subscriptions } | null = null;
  const liveNow = async () => (live ??= { position: await close.livePosition(), subscriptions: await close.subscriptionsNow() });
  let prev: Position | null = null;
  const out: DayClose[] = [];
  for (const day of range.days) {
    if (day <= through) {
      out.push(stored.get(day) ?? { day, flows: ZERO_FLOWS, position: ZERO_POSITION, subscriptions: NO_SUBSCRIPTIONS });
    } else if (day < today) {
      prev ??= (await close.before(day))?.position ?? ZERO_POSITION;
      const figures = await close.dayFigures(day, prev);
      prev = figures.position;
      out.push({ day, ...figures, subscriptions: (await liveNow()).subscriptions });
    } else if (day === today) {
      out.push({ day, flows: await close.dayFlows(day), ...(await liveNow()) });
    } else {
      out.push({ day, flows: ZERO_FLOWS, ...(await liveNow()) });
    }
  }
  return out;
}

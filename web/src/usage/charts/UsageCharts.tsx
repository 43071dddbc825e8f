import type { DailyPoint, ModelPoint } from '../chart-data';
import { CacheChart } from './CacheChart';
import { SpendByDayChart } from './SpendByDayChart';
import { SpendByModelChart } from './SpendByModelChart';

interface Props {
  days: DailyPoint[];
  models: ModelPoint[];
}

/**
 * The usage page's charts, in a chunk of their own with Recharts (loaded with `lazy`), so screens
 * without charts never download it.
 */
export default function UsageCharts({ days, models }: Props) {
  return (
    <div className="usage-charts">
      <SpendByDayChart points={days} />
      <SpendByModelChart points={models} />
      <CacheChart points={days} />
    </div>
  );
}

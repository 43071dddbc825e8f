import { PRESETS, describeRange, type PresetId } from './utc-range';
import type { UtcRangeState } from './useUtcRange';

/**
 * Presets and the two days of a range. Both are UTC days and the end day is not included
 * (`[from, to)`), which the labels say: the figures follow UTC midnights, not the viewer's.
 */
export function RangePicker({ state }: { state: UtcRangeState }) {
  const { range, preset, problem } = state;
  return (
    <form className="card range-picker" onSubmit={(event) => event.preventDefault()} data-testid="range-picker">
      <label className="field">
        <span>Range</span>
        <select value={preset} onChange={(event) => state.choosePreset(event.target.value as PresetId)} data-testid="range-preset">
          {PRESETS.map((p) => (
            <option key={p.id} value={p.id}>
              {p.label}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>From (UTC, included)</span>
        <input type="date" value={range.from} onChange={(event) => state.setDays({ ...range, from: event.target.value })} data-testid="range-from" />
      </label>
      <label className="field">
        <span>To (UTC, not included)</span>
        <input type="date" value={range.to} onChange={(event) => state.setDays({ ...range, to: event.target.value })} data-testid="range-to" />
      </label>
      <p className={problem ? 'field-error' : 'muted'} role={problem ? 'alert' : undefined} data-testid="range-summary">
        {problem ?? <>Dates in UTC: {describeRange(range)} (UTC midnight to UTC midnight)</>}
      </p>
    </form>
  );
}

import { useMemo } from 'react';
import { useSearchParams } from 'react-router';
import { presetOf, presetRange, rangeFromSearch, rangeProblem, type DayRange, type PresetId } from './utc-range';

export interface UtcRangeState {
  range: DayRange;
  preset: PresetId;
  /** Why the URL's range cannot be asked for (nothing is queried then). */
  problem: string | undefined;
  choosePreset: (preset: PresetId) => void;
  setDays: (range: DayRange) => void;
}

/** The page's range, kept in the URL (`from`, `to`); other query parameters are left alone. */
export function useUtcRange(): UtcRangeState {
  const [search, setSearch] = useSearchParams();
  // "Now" once per URL: a preset that crosses midnight while the page is open stays put.
  const now = useMemo(() => new Date(), [search]);
  const range = rangeFromSearch(search, now);
  const setDays = (next: DayRange) =>
    setSearch(
      (previous) => {
        const params = new URLSearchParams(previous);
        params.set('from', next.from);
        params.set('to', next.to);
        params.delete('after');
        return params;
      },
      { replace: true },
    );
  return {
    range,
    preset: presetOf(range, now),
    problem: rangeProblem(range),
    choosePreset: (preset) => {
      if (preset !== 'custom') setDays(presetRange(preset, now));
    },
    setDays,
  };
}

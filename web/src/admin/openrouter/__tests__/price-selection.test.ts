import { describe, expect, it } from 'vitest';
import { initialSelection, selectedIds, toggle, type ReviewRow } from '../price-selection';

const rows: ReviewRow[] = [
  { modelId: 'a', changed: true, openRouterInputUsdPerMTok: '2.5' },
  { modelId: 'b', changed: false, openRouterInputUsdPerMTok: '0' },
  { modelId: 'c', changed: true, openRouterInputUsdPerMTok: null },
];

describe('price import selection', () => {
  it('starts with every changed row OpenRouter prices, in table order', () => {
    expect(selectedIds(rows, initialSelection(rows))).toEqual(['a']);
  });

  it('adds and removes rows, but never one OpenRouter does not price', () => {
    let s = initialSelection(rows);
    s = toggle(s, rows[1]!);
    s = toggle(s, rows[2]!);
    expect(selectedIds(rows, s)).toEqual(['a', 'b']);
    s = toggle(s, rows[0]!);
    expect(selectedIds(rows, s)).toEqual(['b']);
  });
});

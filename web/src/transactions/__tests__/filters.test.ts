import { describe, expect, it } from 'vitest';
import { filtersFromParams, filtersProblem, filtersToParams, filtersToVariables, NO_FILTERS } from '../filters';

describe('filtersFromParams', () => {
  it('reads repeated types and whole days', () => {
    const params = new URLSearchParams('type=USAGE&type=REFUND&from=2025-03-01&to=2025-03-31');
    expect(filtersFromParams(params)).toEqual({ types: ['USAGE', 'REFUND'], from: '2025-03-01', to: '2025-03-31' });
  });

  it('drops unknown types and impossible dates instead of failing', () => {
    const params = new URLSearchParams('type=usage&type=BOGUS&type=REFUND&from=2025-02-30&to=yesterday');
    expect(filtersFromParams(params)).toEqual({ types: ['REFUND'], from: null, to: null });
  });

  it('reads no params as no filters', () => {
    expect(filtersFromParams(new URLSearchParams())).toEqual(NO_FILTERS);
  });
});

describe('filtersToParams', () => {
  it('writes types in one canonical order, so equal filters make equal URLs', () => {
    const a = filtersToParams({ types: ['REFUND', 'USAGE'], from: null, to: '2025-03-31' }).toString();
    const b = filtersToParams({ types: ['USAGE', 'REFUND'], from: null, to: '2025-03-31' }).toString();
    expect(a).toBe(b);
    expect(a).toBe('type=USAGE&type=REFUND&to=2025-03-31');
  });

  it('round-trips through the URL', () => {
    const filters = { types: ['ADMIN_GRANT' as const, 'EXPIRY' as const], from: '2024-12-31', to: '2025-01-01' };
    expect(filtersFromParams(filtersToParams(filters))).toEqual(filters);
    expect(filtersToParams(NO_FILTERS).toString()).toBe('');
  });
});

describe('filtersToVariables', () => {
  it('sends whole local days, the end day included (the API end is exclusive)', () => {
    expect(filtersToVariables({ types: ['USAGE'], from: '2025-03-01', to: '2025-03-31' })).toEqual({
      types: ['USAGE'],
      from: new Date(2025, 2, 1).toISOString(),
      to: new Date(2025, 3, 1).toISOString(),
    });
  });

  it('leaves out what is not filtered', () => {
    expect(filtersToVariables(NO_FILTERS)).toEqual({});
  });
});

describe('filtersProblem', () => {
  it('refuses a range that ends before it starts', () => {
    expect(filtersProblem({ types: [], from: '2025-03-02', to: '2025-03-01' })).toMatch(/after/);
    expect(filtersProblem({ types: [], from: '2025-03-01', to: '2025-03-01' })).toBeUndefined();
  });
});

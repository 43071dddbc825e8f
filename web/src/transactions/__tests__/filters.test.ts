import { describe, expect, it } from 'vitest';
import { filtersFromParams, filtersProblem, filtersToParams, filtersToVariables, hasFilters, NO_FILTERS } from '../filters';

describe('filtersFromParams', () => {
  it('reads repeated types and whole days', () => {
    const params = new URLSearchParams('type=USAGE&type=REFUND&from=2025-03-01&to=2025-03-31');
    expect(filtersFromParams(params)).toEqual({ ...NO_FILTERS, types: ['USAGE', 'REFUND'], from: '2025-03-01', to: '2025-03-31' });
  });

  it('drops unknown types and impossible dates instead of failing', () => {
    const params = new URLSearchParams('type=usage&type=BOGUS&type=REFUND&from=2025-02-30&to=yesterday');
    expect(filtersFromParams(params)).toEqual({ ...NO_FILTERS, types: ['REFUND'] });
  });

  it('reads no params as no filters', () => {
    expect(filtersFromParams(new URLSearchParams())).toEqual(NO_FILTERS);
  });
});

describe('filtersToParams', () => {
  it('writes types in one canonical order, so equal filters make equal URLs', () => {
    const a = filtersToParams({ ...NO_FILTERS, types: ['REFUND', 'USAGE'], to: '2025-03-31' }).toString();
    const b = filtersToParams({ ...NO_FILTERS, types: ['USAGE', 'REFUND'], to: '2025-03-31' }).toString();
    expect(a).toBe(b);
    expect(a).toBe('type=USAGE&type=REFUND&to=2025-03-31');
  });

  it('round-trips through the URL', () => {
    const filters = { ...NO_FILTERS, types: ['ADMIN_GRANT' as const, 'EXPIRY' as const], from: '2024-12-31', to: '2025-01-01' };
    expect(filtersFromParams(filtersToParams(filters))).toEqual(filters);
    expect(filtersToParams(NO_FILTERS).toString()).toBe('');
  });
});

describe('member and key filters (a team)', () => {
  const member = '0b9f6c3e-1d2a-4c5b-8e7f-112233445566';
  const key = 'a1b2c3d4-e5f6-4a7b-8c9d-0e1f2a3b4c5d';

  it('round-trips a member and a key through the URL and sends them as the API arguments', () => {
    const filters = { ...NO_FILTERS, memberId: member, apiKeyId: key };
    expect(filtersToParams(filters).toString()).toBe(`member=${member}&key=${key}`);
    expect(filtersFromParams(filtersToParams(filters))).toEqual(filters);
    expect(filtersToVariables(filters)).toEqual({ memberId: member, apiKeyId: key });
  });

  it('drops an id that is not one (a hand-edited link)', () => {
    expect(filtersFromParams(new URLSearchParams('member=me&key=1'))).toEqual(NO_FILTERS);
  });

  it('counts as a filter', () => {
    expect(hasFilters({ ...NO_FILTERS, apiKeyId: key })).toBe(true);
    expect(hasFilters(NO_FILTERS)).toBe(false);
  });
});

describe('filtersToVariables', () => {
  it('sends whole local days, the end day included (the API end is exclusive)', () => {
    expect(filtersToVariables({ ...NO_FILTERS, types: ['USAGE'], from: '2025-03-01', to: '2025-03-31' })).toEqual({
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
    expect(filtersProblem({ ...NO_FILTERS, from: '2025-03-02', to: '2025-03-01' })).toMatch(/after/);
    expect(filtersProblem({ ...NO_FILTERS, from: '2025-03-01', to: '2025-03-01' })).toBeUndefined();
  });
});

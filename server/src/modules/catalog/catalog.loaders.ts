import DataLoader from 'dataloader';
import type { Sql } from '../../platform/sql.js';
import type { Tier } from './catalog.domain.js';
import { tierFromRow } from './catalog.store.js';

/** Tier codes to tiers, batched per request (a page of users costs one tier query). */
export function createCatalogLoaders(sql: Sql) {
  return {
    tierByCode: new DataLoader<string, Tier | null>(async (codes) => {
      const rows = await sql.query(`select * from tier where code = any($1::text[])`, [[...codes]]);
      const byCode = new Map(rows.map((r) => [r.code as string, tierFromRow(r)]));
      return codes.map((c) => byCode.get(c) ?? null);
    }),
  };
}

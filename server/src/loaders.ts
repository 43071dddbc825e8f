import type { EntityManager } from '@mikro-orm/postgresql';
import type { Sql } from './platform/sql.js';
import { createAuthLoaders } from './modules/auth/auth.loaders.js';
import { createCatalogLoaders } from './modules/catalog/catalog.loaders.js';

/** Every module's DataLoaders, created fresh per request. */
export function createLoaders(em: EntityManager, sql: Sql) {
  return { ...createAuthLoaders(em), ...createCatalogLoaders(sql) };
}

export type Loaders = ReturnType<typeof createLoaders>;

declare module './platform/context.js' {
  interface ContextParts {
    loaders: Loaders;
  }
}

import type { EntityManager } from '@mikro-orm/postgresql';
import { createAuthLoaders } from './modules/auth/auth.loaders.js';

/** Every module's DataLoaders, created fresh per request. */
export function createLoaders(em: EntityManager) {
  return { ...createAuthLoaders(em) };
}

export type Loaders = ReturnType<typeof createLoaders>;

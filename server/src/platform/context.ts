import type { EntityManager } from '@mikro-orm/postgresql';
import type { Loaders } from '../loaders.js';
import type { Principal } from '../modules/auth/principal.js';
import type { Services } from '../services.js';
import type { ForbiddenError, UnauthenticatedError } from './errors.js';
import type { Logger } from './logger.js';

/** Built fresh for every HTTP request and every graphql-ws operation. */
export interface RequestContext {
  requestId: string;
  log: Logger;
  /** Forked per request: reads through loaders share one identity map, never another request's. */
  em: EntityManager;
  loaders: Loaders;
  principal: Principal | null;
  /** Why a credential that was sent did not authenticate; raised when an operation needs one. */
  authError: UnauthenticatedError | ForbiddenError | null;
  ip: string;
  services: Services;
}

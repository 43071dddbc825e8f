import type { EntityManager } from '@mikro-orm/postgresql';
import type { ForbiddenError, UnauthenticatedError } from './errors.js';
import type { Logger } from './logger.js';

/**
 * The context's parts that are defined above platform: each declares itself into this interface where it is
 * defined (`declare module` in services.ts, loaders.ts and modules/auth/principal.ts). So platform imports no
 * module, and the context's type makes no import circle (resolvers → context → services.ts → every module).
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled by declaration merging
export interface ContextParts {}
type Part<K extends string> = K extends keyof ContextParts ? ContextParts[K] : never;

/** Built fresh for every HTTP request and every graphql-ws operation. */
export interface RequestContext {
  requestId: string;
  log: Logger;
  /** Forked per request: reads through loaders share one identity map, never another request's. */
  em: EntityManager;
  loaders: Part<'loaders'>;
  principal: Part<'principal'> | null;
  /** Why a credential that was sent did not authenticate; raised when an operation needs one. */
  authError: UnauthenticatedError | ForbiddenError | null;
  ip: string;
  services: Part<'services'>;
}

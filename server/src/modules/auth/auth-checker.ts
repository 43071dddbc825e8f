import type { AuthChecker } from 'type-graphql';
import type { RequestContext } from '../../platform/context.js';
import { ForbiddenError, UnauthenticatedError } from '../../platform/errors.js';
import { unmetRequirement, type Requirement } from './requirements.js';

/**
 * The one place operations, fields and subscriptions are authorised: `@Authorized(...requirements)`
 * (requirements.ts). type-graphql runs it before a query or mutation resolves and, for a
 * subscription, before it subscribes (and again on each event it delivers). No principal:
 * UNAUTHENTICATED (the authenticator's own error when a credential was refused); an unmet
 * requirement: FORBIDDEN with its message.
 */
export const authChecker: AuthChecker<RequestContext, Requirement> = ({ context, args }, requirements) => {
  const { principal, authError } = context;
  if (!principal) throw authError ?? new UnauthenticatedError();
  const unmet = unmetRequirement(principal, requirements, args);
  if (unmet) throw new ForbiddenError(unmet);
  return true;
};

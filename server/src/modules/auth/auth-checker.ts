import type { AuthChecker } from 'type-graphql';
import type { RequestContext } from '../../platform/context.js';
import { ForbiddenError, UnauthenticatedError } from '../../platform/errors.js';
import { unmetRequirement, type Requirement } from './principal.js';

/** The one place operations and fields are authorised: `@Authorized(...requirements)`. */
export const authChecker: AuthChecker<RequestContext, Requirement> = ({ context }, requirements) => {
  const { principal, authError } = context;
  if (!principal) throw authError ?? new UnauthenticatedError();
  const unmet = unmetRequirement(principal, requirements);
  if (unmet) throw new ForbiddenError(unmet);
  return true;
};

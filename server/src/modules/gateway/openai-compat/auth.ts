import type express from 'express';
import { ForbiddenError, UnauthenticatedError } from '../../../platform/errors.js';
import type { Authenticator } from '../../auth/index.js';
import { unmetRequirement, type Principal } from '../../auth/index.js';

/**
 * The caller of an OpenAI-compatible request, or a thrown UNAUTHENTICATED / FORBIDDEN.
 *
 * Decision: the same rule as the GraphQL `complete` mutation (`@Authorized('completions')`). An API
 * key needs the `completions` scope; a signed-in session (a JWT) is also accepted, since a session
 * may already do everything its role allows over GraphQL and refusing it here would protect
 * nothing. The official SDKs send `Authorization: Bearer <apiKey>`, which is the documented use.
 */
export async function authenticateOpenAi(authenticator: Authenticator, req: express.Request, options: { deferVersion?: boolean } = {}): Promise<Principal> {
  const header = req.headers.authorization;
  if (!header) {
    throw new UnauthenticatedError('You didn\'t provide an API key. Send it as "Authorization: Bearer <key>"');
  }
  const { principal, error } = await authenticator.authenticate(header, options);
  if (error) throw error;
  if (!principal) throw new UnauthenticatedError();
  const unmet = unmetRequirement(principal, ['completions']);
  if (unmet) throw new ForbiddenError(unmet);
  return principal;
}

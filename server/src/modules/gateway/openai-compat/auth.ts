import type express from 'express';
import { ForbiddenError, UnauthenticatedError } from '../../../platform/errors.js';
import type { Authenticator } from '../../auth/index.js';
import { actingAccount, unmetRequirement, type Principal } from '../../auth/index.js';

/** What a /v1 caller is told for a credential that is no key of ours (unknown, revoked, mistyped). */
export const INVALID_API_KEY_MESSAGE = 'Invalid API key: it is unknown or has been revoked (create one under API keys)';

const MISSING_KEY_MESSAGE = 'You didn\'t provide an API key. Send it as "Authorization: Bearer <key>"';

/**
 * The caller of an OpenAI-compatible request, or a thrown UNAUTHENTICATED / FORBIDDEN.
 *
 * Decision: the same rule as the GraphQL `complete` mutation (`@Authorized('completions')`). An API
 * key needs the `completions` scope; a signed-in session (a JWT) is also accepted, since a session
 * may already do everything its role allows over GraphQL and refusing it here would protect
 * nothing. The official SDKs send `Authorization: Bearer <apiKey>`, which is the documented use.
 */
export async function authenticateOpenAi(authenticator: Authenticator, req: express.Request, options: { deferVersion?: boolean } = {}): Promise<Principal> {
  return authenticateBearer(authenticator, req.headers.authorization, { ...options, account: actingAccount(req.headers) });
}

/**
 * The same check for any `/v1` API, given the `Authorization` value (another API's own key header
 * rewritten as `Bearer <key>`). A credential that is not a session token (no JWT shape) is answered
 * as an invalid API key: whatever an integrator pasted, it was meant as one, and "session token is
 * invalid" would send them looking in the wrong place. A JWT-shaped one keeps the session's reason
 * (expired: sign in again).
 */
export async function authenticateBearer(
  authenticator: Authenticator,
  header: string | undefined,
  options: { deferVersion?: boolean; missing?: string; account?: string } = {},
): Promise<Principal> {
  if (!header) throw new UnauthenticatedError(options.missing ?? MISSING_KEY_MESSAGE);
  const { principal, error } = await authenticator.authenticate(header, { deferVersion: options.deferVersion, account: options.account });
  if (error) throw error instanceof UnauthenticatedError && isBadKey(header) ? new UnauthenticatedError(INVALID_API_KEY_MESSAGE) : error;
  if (!principal) throw new UnauthenticatedError(options.missing ?? MISSING_KEY_MESSAGE);
  const unmet = unmetRequirement(principal, ['completions']);
  if (unmet) throw new ForbiddenError(unmet);
  return principal;
}

/** A well-formed `Bearer <credential>` whose credential is not JWT-shaped (a session token has three dot-separated parts). */
function isBadKey(header: string): boolean {
  const credential = /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1];
  return credential !== undefined && credential.split('.').length !== 3;
}

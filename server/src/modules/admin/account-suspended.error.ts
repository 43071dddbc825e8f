import { ForbiddenError } from '../../platform/errors.js';

/**
 * What a suspended user gets on every request and at sign-in (docs/decisions/0028-user-management.md):
 * FORBIDDEN, not UNAUTHENTICATED, so a client does not loop back to sign-in, with a reason it can show.
 */
export class AccountSuspendedError extends ForbiddenError {
  constructor() {
    super('This account is suspended; contact support to have it reactivated');
    Object.assign(this.extensions, { reason: 'ACCOUNT_SUSPENDED' });
  }
}

import { emailProblem, formatDuration, normalizeEmail, passwordProblem } from '@tollgate/shared';
import type { Backplane, RateLimitRule } from '../../platform/backplane/index.js';
import { BadUserInputError, RateLimitedError } from '../../platform/errors.js';
import type { Logger } from '../../platform/logger.js';
import type { SqlPool } from '../../platform/sql.js';
import { AccountSuspendedError } from '../admin/index.js';
import type { Mailer, OutgoingMail } from '../mail/index.js';
import { SIGN_IN_PER_EMAIL } from './auth.service.js';
import { hashPassword, verifyPassword } from './password.js';
import { hashResetToken, newResetToken, PasswordStore, type PasswordWrite } from './password-reset.store.js';
import type { PrincipalCache } from './principal-cache.js';
import type { SessionTokens } from './session-token.js';
import { changedMail, resetMail } from './password.mails.js';

// Guessing the current password from a stolen session: as tight as sign-in's per-account limit.
export const PASSWORD_CHANGE_PER_USER: RateLimitRule = { name: 'password-change-user', points: 10, durationSeconds: 15 * 60 };
// Reset mails: a few per address (a mailbox is not to be flooded), more per client address.
export const RESET_REQUEST_PER_EMAIL: RateLimitRule = { name: 'reset-request-email', points: 3, durationSeconds: 60 * 60 };
export const RESET_REQUEST_PER_IP: RateLimitRule = { name: 'reset-request-ip', points: 20, durationSeconds: 60 * 60 };
// Using links: a token is 256 random bits, so this only bounds noise.
export const RESET_PER_IP: RateLimitRule = { name: 'reset-ip', points: 30, durationSeconds: 15 * 60 };
/** How long a reset link works. */
export const RESET_TTL_SECONDS = 30 * 60;
const MAX_TOKEN_LENGTH = 200;
const INVALID_LINK = 'This reset link is invalid, expired or already used. Ask for a new one.';

export interface NewSession {
  userId: string;
  token: string;
  expiresAt: Date;
}

/** Password change (signed in) and reset (by a mailed link); both end the user's other sessions. */
export class PasswordService {
  private readonly store: PasswordStore;

  constructor(
    private readonly sql: SqlPool,
    private readonly backplane: Backplane,
    private readonly tokens: SessionTokens,
    private readonly principals: PrincipalCache,
    private readonly mail: Mailer,
    private readonly publicUrl: string,
    private readonly log: Logger,
  ) {
    this.store = new PasswordStore(sql);
  }

  /** The caller's own session is renewed (a new token); every other session ends on every replica. */
  async change(userId: string, currentPassword: unknown, newPassword: unknown): Promise<NewSession> {
    const current = typeof currentPassword === 'string' ? currentPassword : '';
    const next = validNewPassword(newPassword);
    if (next === current) throw new BadUserInputError('The new password must differ from the current one', 'newPassword');
    await this.limit(PASSWORD_CHANGE_PER_USER, userId, 'Too many password attempts');
    const account = await this.store.account({ id: userId });
    if (!account || !(await verifyPassword(account.passwordHash, current))) {
      throw new BadUserInputError('Your current password is incorrect', 'currentPassword');
    }
    const written = await this.store.replaceHash(userId, account.passwordHash, await hashPassword(next));
    // Another change won the race: this one's "current password" is no longer current.
    if (!written) throw new BadUserInputError('Your password was just changed elsewhere; sign in again', 'currentPassword');
    await this.backplane.reset(PASSWORD_CHANGE_PER_USER, userId);
    return this.afterWrite(written);
  }

  /**
   * Always answers the same, whether or not the address has an account, and the mail goes out after
   * the answer, so neither the answer nor its time tells a stranger who has an account.
   */
  async requestReset(rawEmail: unknown, ip: string): Promise<void> {
    const email = normalizeEmail(typeof rawEmail === 'string' ? rawEmail : '');
    const problem = emailProblem(email);
    if (problem) throw new BadUserInputError(problem, 'email');
    await this.limit(RESET_REQUEST_PER_IP, ip, 'Too many reset requests');
    await this.limit(RESET_REQUEST_PER_EMAIL, email, 'Too many reset requests for this address');
    const account = await this.store.account({ email });
    // A suspended account could not sign in with a new password: no link to send.
    if (!account || account.suspended) return;
    const { token, hash } = newResetToken();
    await this.store.saveReset(account.id, hash, RESET_TTL_SECONDS);
    const link = `${this.publicUrl}/reset-password?token=${encodeURIComponent(token)}`;
    this.sendLater(resetMail(account, link, RESET_TTL_SECONDS));
  }

  /** Uses the link once: the new password, every session of the user ended, and a new one started. */
  async reset(rawToken: unknown, newPassword: unknown, ip: string): Promise<NewSession> {
    await this.limit(RESET_PER_IP, ip, 'Too many attempts');
    const token = typeof rawToken === 'string' ? rawToken.trim() : '';
    const next = validNewPassword(newPassword);
    if (token === '' || token.length > MAX_TOKEN_LENGTH) throw new BadUserInputError(INVALID_LINK, 'token');
    const newHash = await hashPassword(next);
    const written = await this.sql.transaction(async (tx) => {
      const taken = await this.store.takeReset(tx, hashResetToken(token));
      if (!taken) throw new BadUserInputError(INVALID_LINK, 'token');
      // Suspended after the link was sent: the rollback keeps the link and the old password.
      if (taken.suspended) throw new AccountSuspendedError();
      return this.store.setHash(tx, taken.userId, newHash);
    });
    // They proved they own the mailbox: a sign-in lockout on the address is over too.
    await this.backplane.reset(SIGN_IN_PER_EMAIL, written.email);
    return this.afterWrite(written);
  }

  /** Every replica refuses the older sessions from its next request, then the new session starts. */
  private async afterWrite(written: PasswordWrite): Promise<NewSession> {
    await this.principals.invalidate(written.userId);
    const { token, expiresAt } = await this.tokens.issue(written.userId, new Date(), written.epoch);
    this.sendLater(changedMail(written, this.publicUrl));
    return { userId: written.userId, token, expiresAt };
  }

  private sendLater(mail: OutgoingMail): void {
    this.mail.send(mail).catch((err: unknown) => this.log.error({ err, kind: mail.kind }, 'could not send a password mail'));
  }

  private async limit(rule: RateLimitRule, key: string, what: string): Promise<void> {
    const result = await this.backplane.consume(rule, key);
    if (!result.allowed) throw new RateLimitedError(result.retryAfterSeconds, `${what}; try again in ${formatDuration(result.retryAfterSeconds)}`);
  }
}

function validNewPassword(raw: unknown): string {
  const password = typeof raw === 'string' ? raw : '';
  const problem = passwordProblem(password);
  if (problem) throw new BadUserInputError(problem, 'newPassword');
  return password;
}

import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { emailProblem, formatDuration, normalizeEmail, passwordProblem } from '@tollgate/shared';
import type { Backplane, RateLimitRule } from '../../platform/backplane/index.js';
import type { Orm } from '../../platform/db.js';
import { BadUserInputError, NotFoundError, RateLimitedError, UnauthenticatedError } from '../../platform/errors.js';
import { burnPasswordCheck, hashPassword, verifyPassword } from './password.js';
import type { SessionTokens } from './session-token.js';
import { User } from './user.entity.js';
import { AccountSuspendedError } from '../admin/index.js';
import { SYSTEM } from '../ledger/index.js';
import type { LedgerService } from '../ledger/index.js';
import type { PrincipalCache } from './principal-cache.js';

export interface Credentials {
  email: string;
  password: string;
}

export interface Session {
  token: string;
  expiresAt: Date;
  user: User;
}

// Guessing passwords: a few tries per account, more per address (a shared office NAT signs in a lot).
export const SIGN_IN_PER_EMAIL: RateLimitRule = { name: 'signin-email', points: 10, durationSeconds: 15 * 60 };
export const SIGN_IN_PER_IP: RateLimitRule = { name: 'signin-ip', points: 50, durationSeconds: 15 * 60 };
export const SIGN_UP_PER_IP: RateLimitRule = { name: 'signup-ip', points: 20, durationSeconds: 60 * 60 };

export class AuthService {
  constructor(
    private readonly orm: Orm,
    private readonly backplane: Backplane,
    private readonly tokens: SessionTokens,
    private readonly ledger: LedgerService,
    private readonly signupBonusMicro: bigint,
    private readonly principals: PrincipalCache,
  ) {}

  async signUp(input: Credentials, ip: string): Promise<Session> {
    const email = validEmail(input.email);
    const problem = passwordProblem(input.password ?? '');
    if (problem) throw new BadUserInputError(problem, 'password');
    await this.limit(SIGN_UP_PER_IP, ip);
    const em = this.orm.em.fork();
    const user = em.create(User, { email, passwordHash: await hashPassword(input.password) });
    try {
      await em.persistAndFlush(user);
    } catch (err) {
      if (err instanceof UniqueConstraintViolationException) {
        throw new BadUserInputError('An account with this email already exists', 'email');
      }
      throw err;
    }
    try {
      await this.grantSignupBonus(user.id);
    } catch (err) {
      // Without its bonus the account is not what sign-up promised: undo it so a retry starts clean.
      await this.orm.em.fork().nativeDelete(User, { id: user.id });
      throw err;
    }
    return this.startSession(user);
  }

  async signIn(input: Credentials, ip: string): Promise<Session> {
    const email = normalizeEmail(input.email ?? '');
    await this.limit(SIGN_IN_PER_IP, ip);
    await this.limit(SIGN_IN_PER_EMAIL, email);
    // Only a person signs in: a team's account holder (kind 'team') is refused exactly like an unknown address.
    const user = await this.orm.em.fork().findOne(User, { email, kind: 'person' });
    const ok = user ? await verifyPassword(user.passwordHash, input.password ?? '') : await burnPasswordCheck(input.password ?? '');
    if (!user || !ok) throw new UnauthenticatedError('Email or password is incorrect');
    // Only after the password matched: the refusal must not tell a stranger the account exists.
    if (user.suspendedAt) throw new AccountSuspendedError();
    await this.backplane.reset(SIGN_IN_PER_EMAIL, email);
    return this.startSession(user);
  }

  /** Once per user: the idempotency key is fixed per account, so a retried sign-up cannot grant twice. */
  private async grantSignupBonus(userId: string): Promise<void> {
    if (this.signupBonusMicro <= 0n) return;
    await this.ledger.grant({
      userId,
      source: 'signup',
      amount: this.signupBonusMicro,
      idempotencyKey: 'signup-bonus',
      actor: SYSTEM,
      description: 'Welcome bonus',
    });
  }

  private async startSession(user: User): Promise<Session> {
    // At the user's session epoch: a token from before their last password change would be refused.
    const { token, expiresAt } = await this.tokens.issue(user.id, new Date(), user.sessionEpoch);
    return { token, expiresAt, user };
  }

  private async limit(rule: RateLimitRule, key: string): Promise<void> {
    const result = await this.backplane.consume(rule, key);
    if (!result.allowed) {
      // People read this on the sign-in screen: "try again in 15 minutes", not "894 seconds".
      const what = rule === SIGN_UP_PER_IP ? 'Too many sign-ups from this address' : 'Too many sign-in attempts';
      throw new RateLimitedError(result.retryAfterSeconds, `${what}; try again in ${formatDuration(result.retryAfterSeconds)}`);
    }
  }

  /**
   * Makes sure the configured admin exists with the configured password. Runs at every start, on
   * every replica: the insert ignores a conflict, then the row is brought in line.
   */
  async ensureAdmin(admin: Credentials): Promise<User> {
    const email = validEmail(admin.email);
    const em = this.orm.em.fork();
    await em
      .getConnection()
      .execute(`insert into app_user (id, email, password_hash, role) values (gen_random_uuid(), ?, ?, 'admin') on conflict (email) do nothing`, [
        email,
        await hashPassword(admin.password),
      ]);
    const user = await em.findOneOrFail(User, { email });
    if (user.role !== 'admin' || !(await verifyPassword(user.passwordHash, admin.password))) {
      user.role = 'admin';
      user.passwordHash = await hashPassword(admin.password);
      await em.flush();
      // The role may have changed: no replica may keep serving the old one from its principal cache.
      await this.principals.invalidate(user.id);
    }
    return user;
  }

  /** The user as stored now: a fresh read, not a request's identity map (a tier or role may just have changed). */
  async user(id: string): Promise<User> {
    const user = await this.orm.em.fork().findOne(User, { id });
    if (!user) throw new NotFoundError('User');
    return user;
  }
}

function validEmail(raw: unknown): string {
  const email = normalizeEmail(typeof raw === 'string' ? raw : '');
  const problem = emailProblem(email);
  if (problem) throw new BadUserInputError(problem, 'email');
  return email;
}

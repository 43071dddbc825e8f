import { BadUserInputError, NotFoundError } from '../../platform/errors.js';
import type { Sql } from '../../platform/sql.js';
import { isUuid } from '../../platform/ids.js';
import type { LiveSessions } from './live-sessions.js';

export const MAX_REASON_LENGTH = 500;

/** The authenticator's principal cache: told after each change, before the change is answered. */
export interface PrincipalInvalidation {
  invalidate(userId: string): Promise<void>;
}

/**
 * Suspension is one column, app_user.suspended_at, which the authenticator reads through its principal
 * cache; every change here invalidates that cache on every replica before answering (decision 0034),
 * so every replica refuses the user from its next request. PostgreSQL is the record. The socket
 * push only closes the live graphql-ws connections, which never ask again.
 */
export class SuspensionService {
  constructor(
    private readonly sql: Sql,
    private readonly sessions: LiveSessions,
    private readonly principals?: PrincipalInvalidation,
  ) {}

  async suspend(actorId: string, userId: string, reason: string): Promise<void> {
    const why = (reason ?? '').trim();
    if (!why) throw new BadUserInputError('A reason is required', 'reason');
    if (why.length > MAX_REASON_LENGTH) throw new BadUserInputError(`The reason must be at most ${MAX_REASON_LENGTH} characters`, 'reason');
    if (!isUuid(userId)) throw new NotFoundError('User');
    // Decision 0028: an admin cannot lock themselves out (another admin may suspend an admin).
    if (userId === actorId) throw new BadUserInputError('You cannot suspend your own account', 'userId');
    // A second suspension keeps the first time and takes the new reason.
    const rows = await this.sql.query(
      `update app_user set suspended_at = coalesce(suspended_at, now()), suspended_reason = $2, updated_at = now() where id = $1 returning id`,
      [userId, why],
    );
    if (rows.length === 0) throw new NotFoundError('User');
    // Every replica's cached principal goes before we answer (the socket push below is not ordered with the next request).
    await this.invalidate(userId);
    this.sessions.announceSuspension(userId);
  }

  async reactivate(userId: string): Promise<void> {
    if (!isUuid(userId)) throw new NotFoundError('User');
    const rows = await this.sql.query(`update app_user set suspended_at = null, suspended_reason = null, updated_at = now() where id = $1 returning id`, [
      userId,
    ]);
    if (rows.length === 0) throw new NotFoundError('User');
    await this.invalidate(userId);
  }

  /** The account's cached principals, and for a team its members' (they carry whether the team is suspended). */
  private async invalidate(userId: string): Promise<void> {
    await this.principals?.invalidate(userId);
    const members = await this.sql.query(`select user_id from team_member where team_id = $1`, [userId]);
    for (const m of members) await this.principals?.invalidate(m.user_id as string);
  }
}

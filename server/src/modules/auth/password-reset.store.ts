import { createHash, randomBytes } from 'node:crypto';
import type { Sql } from '../../platform/sql.js';

/** What a password change writes, and what the new session needs. */
export interface PasswordWrite {
  userId: string;
  email: string;
  /** app_user.session_epoch after the write: older sessions are over. */
  epoch: number;
}

/** A new reset link's token: 256 random bits, URL-safe. Only its hash is stored. */
export function newResetToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashResetToken(token) };
}

export function hashResetToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/**
 * The named SQL of password change and reset (migration 26). Expiry is PostgreSQL's `now()`, so every
 * replica agrees on it whatever its own clock says.
 */
export class PasswordStore {
  constructor(private readonly sql: Sql) {}

  async account(where: { id: string } | { email: string }): Promise<{ id: string; email: string; passwordHash: string; suspended: boolean } | null> {
    const [column, value] = 'id' in where ? ['id', where.id] : ['email', where.email];
    // Only a person has a password to change or reset: a team's account holder never signs in (0055-teams.md).
    const rows = await this.sql.query(`select id, email, password_hash, suspended_at from app_user where ${column} = $1 and kind = 'person'`, [value]);
    const row = rows[0];
    return row ? { id: row.id, email: row.email, passwordHash: row.password_hash, suspended: row.suspended_at !== null } : null;
  }

  /**
   * Stores the new hash only if the old one is still the stored one (two changes at once: the second
   * finds its current password gone), and starts a new session epoch. Null when nothing was written.
   */
  async replaceHash(userId: string, oldHash: string, newHash: string): Promise<PasswordWrite | null> {
    const rows = await this.sql.query(
      `update app_user set password_hash = $3, session_epoch = session_epoch + 1, updated_at = now()
        where id = $1 and password_hash = $2 returning id, email, session_epoch`,
      [userId, oldHash, newHash],
    );
    return rows[0] ? { userId: rows[0].id, email: rows[0].email, epoch: rows[0].session_epoch } : null;
  }

  /** One live link per user: a new request replaces the older one (whose link stops working). */
  async saveReset(userId: string, tokenHash: string, ttlSeconds: number): Promise<void> {
    await this.sql.query(
      `insert into password_reset (user_id, token_hash, expires_at) values ($1, $2, now() + make_interval(secs => $3))
       on conflict (user_id) do update set token_hash = excluded.token_hash, expires_at = excluded.expires_at, created_at = now()`,
      [userId, tokenHash, ttlSeconds],
    );
  }

  /**
   * In the caller's transaction: uses the link (deletes its row) if it is live, and locks its user's row.
   * Null for an unknown, used or expired link (nothing deleted).
   */
  async takeReset(tx: Sql, tokenHash: string): Promise<{ userId: string; suspended: boolean } | null> {
    const taken = await tx.query(`delete from password_reset where token_hash = $1 and expires_at > now() returning user_id`, [tokenHash]);
    if (!taken[0]) return null;
    const user = await tx.query(`select suspended_at from app_user where id = $1 for update`, [taken[0].user_id]);
    return { userId: taken[0].user_id, suspended: user[0]?.suspended_at != null };
  }

  /** In the caller's transaction, after takeReset: the new hash and a new session epoch. */
  async setHash(tx: Sql, userId: string, newHash: string): Promise<PasswordWrite> {
    const rows = await tx.query(
      `update app_user set password_hash = $2, session_epoch = session_epoch + 1, updated_at = now() where id = $1 returning id, email, session_epoch`,
      [userId, newHash],
    );
    return { userId: rows[0]!.id, email: rows[0]!.email, epoch: rows[0]!.session_epoch };
  }
}

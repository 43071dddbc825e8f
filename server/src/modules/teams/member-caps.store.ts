import type { TeamRole } from '@tollgate/shared';
import type { Row, Sql } from '../../platform/sql.js';

/** A member's row with their cap as stored (both columns, or neither). */
export interface MemberCapRecord {
  userId: string;
  email: string;
  role: TeamRole;
  capMicro: bigint | null;
  capPeriod: string | null;
}

const toRecord = (r: Row): MemberCapRecord => ({
  userId: r.user_id,
  email: r.email,
  role: r.role,
  capMicro: r.cap_micro == null ? null : BigInt(r.cap_micro),
  capPeriod: r.cap_period ?? null,
});

/** Member caps' named SQL (team_member.cap_micro / cap_period, migration 30). `tx` is a transaction or the pool. */
export const memberCapsStore = {
  /** The team's members with their caps, oldest first; only `onlyUserId`'s row when given. */
  async list(tx: Sql, teamId: string, onlyUserId: string | null): Promise<MemberCapRecord[]> {
    const rows = await tx.query(
      `select m.user_id, u.email, m.role, m.cap_micro::text as cap_micro, m.cap_period
         from team_member m join app_user u on u.id = m.user_id
        where m.team_id = $1 and ($2::uuid is null or m.user_id = $2::uuid)
        order by m.joined_at, m.user_id`,
      [teamId, onlyUserId],
    );
    return rows.map(toRecord);
  },

  /** The member's row locked for the change; null when they are not a member. */
  async lockMember(tx: Sql, teamId: string, userId: string): Promise<MemberCapRecord | null> {
    const rows = await tx.query(
      `select m.user_id, u.email, m.role, m.cap_micro::text as cap_micro, m.cap_period
         from team_member m join app_user u on u.id = m.user_id
        where m.team_id = $1 and m.user_id = $2 for update of m`,
      [teamId, userId],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  },

  async setCap(tx: Sql, teamId: string, userId: string, cap: { micro: bigint; period: string } | null): Promise<void> {
    await tx.query(`update team_member set cap_micro = $3, cap_period = $4 where team_id = $1 and user_id = $2`, [
      teamId,
      userId,
      cap ? cap.micro.toString() : null,
      cap?.period ?? null,
    ]);
  },
};

import { randomUUID } from 'node:crypto';
import type { TeamRole } from '@tollgate/shared';
import type { Row, Sql } from '../../platform/sql.js';

/** A team as its members see it. */
export interface TeamRecord {
  id: string;
  name: string;
  billingEmail: string;
  myRole: TeamRole;
  memberCount: number;
  tierCode: string;
  createdAt: Date;
}

export interface MemberRecord {
  userId: string;
  email: string;
  role: TeamRole;
  joinedAt: Date;
}

const TEAM_COLUMNS = `t.id, t.name, t.billing_email, m.role as my_role, u.tier_code, t.created_at,
  (select count(*)::int from team_member c where c.team_id = t.id) as member_count`;

const toTeam = (r: Row): TeamRecord => ({
  id: r.id,
  name: r.name,
  billingEmail: r.billing_email,
  myRole: r.my_role,
  memberCount: r.member_count,
  tierCode: r.tier_code,
  createdAt: new Date(r.created_at),
});

const toMember = (r: Row): MemberRecord => ({ userId: r.user_id, email: r.email, role: r.role, joinedAt: new Date(r.joined_at) });

/** The named SQL of teams and their members (migration 30). `tx` is a transaction or the pool. */
export const teamsStore = {
  /** Locks the creator's row (so the per-person team bound cannot be raced past); null for no such person. */
  async lockPerson(tx: Sql, personId: string): Promise<{ email: string; teamsCreated: number } | null> {
    const rows = await tx.query(`select email from app_user where id = $1 and kind = 'person' for update`, [personId]);
    if (!rows[0]) return null;
    const [{ n }] = await tx.query(`select count(*)::int as n from team where created_by = $1`, [personId]);
    return { email: rows[0].email, teamsCreated: n };
  },

  /**
   * The team's account holder (it never signs in: a synthetic address and a hash no password
   * verifies), the team, its first owner, and its credit account, opened as the ledger opens one.
   */
  async insertTeam(tx: Sql, team: { id: string; name: string; billingEmail: string; createdBy: string }): Promise<void> {
    await tx.query(
      `insert into app_user (id, email, password_hash, role, tier_code, kind) values ($1::uuid, 'team-' || $1::text || '@teams.invalid', '!', 'user', 'free', 'team')`,
      [team.id],
    );
    await tx.query(`insert into team (id, name, billing_email, created_by) values ($1, $2, $3, $4)`, [team.id, team.name, team.billingEmail, team.createdBy]);
    await tx.query(`insert into team_member (team_id, user_id, role) values ($1, $2, 'owner')`, [team.id, team.createdBy]);
    await tx.query(`insert into credit_account (id, user_id) values ($1, $2) on conflict (user_id) do nothing`, [randomUUID(), team.id]);
  },

  /** Serialises membership changes of one team: the "at least one owner" rule reads, then writes. */
  async lockTeam(tx: Sql, teamId: string): Promise<boolean> {
    return (await tx.query(`select id from team where id = $1 for update`, [teamId])).length > 0;
  },

  async role(tx: Sql, teamId: string, personId: string): Promise<TeamRole | null> {
    const rows = await tx.query(`select role from team_member where team_id = $1 and user_id = $2`, [teamId, personId]);
    return rows[0]?.role ?? null;
  },

  /** The team as `personId` sees it; null when they are not a member (or there is no such team). */
  async team(tx: Sql, teamId: string, personId: string): Promise<TeamRecord | null> {
    const rows = await tx.query(
      `select ${TEAM_COLUMNS} from team t join team_member m on m.team_id = t.id and m.user_id = $2 join app_user u on u.id = t.id where t.id = $1`,
      [teamId, personId],
    );
    return rows[0] ? toTeam(rows[0]) : null;
  },

  /** Every team of the person, oldest membership first. */
  async teamsOf(tx: Sql, personId: string): Promise<TeamRecord[]> {
    const rows = await tx.query(
      `select ${TEAM_COLUMNS} from team_member m join team t on t.id = m.team_id join app_user u on u.id = t.id
        where m.user_id = $1 order by m.joined_at, t.id`,
      [personId],
    );
    return rows.map(toTeam);
  },

  async update(tx: Sql, teamId: string, change: { name: string | null; billingEmail: string | null }): Promise<void> {
    await tx.query(`update team set name = coalesce($2, name), billing_email = coalesce($3, billing_email) where id = $1`, [
      teamId,
      change.name,
      change.billingEmail,
    ]);
  },

  async members(tx: Sql, teamId: string): Promise<MemberRecord[]> {
    const rows = await tx.query(
      `select m.user_id, u.email, m.role, m.joined_at from team_member m join app_user u on u.id = m.user_id
        where m.team_id = $1 order by m.joined_at, m.user_id`,
      [teamId],
    );
    return rows.map(toMember);
  },

  async member(tx: Sql, teamId: string, personId: string): Promise<MemberRecord | null> {
    const rows = await tx.query(
      `select m.user_id, u.email, m.role, m.joined_at from team_member m join app_user u on u.id = m.user_id where m.team_id = $1 and m.user_id = $2`,
      [teamId, personId],
    );
    return rows[0] ? toMember(rows[0]) : null;
  },

  async ownerCount(tx: Sql, teamId: string): Promise<number> {
    const [{ n }] = await tx.query(`select count(*)::int as n from team_member where team_id = $1 and role = 'owner'`, [teamId]);
    return n;
  },

  /** Inserts the membership unless it exists; true when it was inserted. */
  async addMember(tx: Sql, teamId: string, personId: string, role: TeamRole): Promise<boolean> {
    const rows = await tx.query(`insert into team_member (team_id, user_id, role) values ($1, $2, $3) on conflict do nothing returning user_id`, [
      teamId,
      personId,
      role,
    ]);
    return rows.length > 0;
  },

  async setRole(tx: Sql, teamId: string, personId: string, role: TeamRole): Promise<void> {
    await tx.query(`update team_member set role = $3 where team_id = $1 and user_id = $2`, [teamId, personId, role]);
  },

  /** The membership goes, and with it every live key the person holds on the team's account. */
  async removeMember(tx: Sql, teamId: string, personId: string): Promise<{ keysRevoked: number }> {
    await tx.query(`delete from team_member where team_id = $1 and user_id = $2`, [teamId, personId]);
    const revoked = await tx.query(`update api_key set revoked_at = now() where user_id = $1 and account_id = $2 and revoked_at is null returning id`, [
      personId,
      teamId,
    ]);
    return { keysRevoked: revoked.length };
  },
};

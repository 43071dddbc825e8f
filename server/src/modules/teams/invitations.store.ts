import { createHash, randomBytes } from 'node:crypto';
import type { TeamRole } from '@tollgate/shared';
import type { Row, Sql } from '../../platform/sql.js';

/** An invitation's token: 256 random bits, URL-safe; only its hash is stored (as password reset links). */
export function newInvitationToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('base64url');
  return { token, hash: hashInvitationToken(token) };
}

export const hashInvitationToken = (token: string) => createHash('sha256').update(token).digest('hex');

export interface InvitationRecord {
  id: string;
  teamId: string;
  teamName: string;
  email: string | null;
  role: Exclude<TeamRole, 'owner'>;
  invitedByEmail: string;
  createdAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
  revokedAt: Date | null;
}

const COLUMNS = `i.id, i.team_id, t.name as team_name, i.email, i.role, inviter.email as invited_by_email, i.created_at, i.expires_at, i.accepted_at, i.revoked_at`;
const FROM = `team_invitation i join team t on t.id = i.team_id join app_user inviter on inviter.id = i.invited_by`;

const toInvitation = (r: Row): InvitationRecord => ({
  id: r.id,
  teamId: r.team_id,
  teamName: r.team_name,
  email: r.email,
  role: r.role,
  invitedByEmail: r.invited_by_email,
  createdAt: new Date(r.created_at),
  expiresAt: new Date(r.expires_at),
  acceptedAt: r.accepted_at ? new Date(r.accepted_at) : null,
  revokedAt: r.revoked_at ? new Date(r.revoked_at) : null,
});

/** The named SQL of team invitations (migration 30). Expiry is PostgreSQL's `now()`, the same on every replica. */
export const invitationsStore = {
  async pendingCount(tx: Sql, teamId: string): Promise<number> {
    const [{ n }] = await tx.query(
      `select count(*)::int as n from team_invitation where team_id = $1 and accepted_at is null and revoked_at is null and expires_at > now()`,
      [teamId],
    );
    return n;
  },

  /** A new invitation to an address replaces that address's open one: one live link per person. */
  async revokeOpenTo(tx: Sql, teamId: string, email: string): Promise<void> {
    await tx.query(`update team_invitation set revoked_at = now() where team_id = $1 and email = $2 and accepted_at is null and revoked_at is null`, [
      teamId,
      email,
    ]);
  },

  async insert(
    tx: Sql,
    inv: { id: string; teamId: string; email: string | null; role: string; tokenHash: string; invitedBy: string; days: number },
  ): Promise<InvitationRecord> {
    await tx.query(
      `insert into team_invitation (id, team_id, email, role, token_hash, invited_by, expires_at)
       values ($1, $2, $3, $4, $5, $6, now() + make_interval(days => $7))`,
      [inv.id, inv.teamId, inv.email, inv.role, inv.tokenHash, inv.invitedBy, inv.days],
    );
    return (await invitationsStore.byId(tx, inv.id))!;
  },

  async byId(tx: Sql, id: string): Promise<InvitationRecord | null> {
    const rows = await tx.query(`select ${COLUMNS} from ${FROM} where i.id = $1`, [id]);
    return rows[0] ? toInvitation(rows[0]) : null;
  },

  /** A live invitation (not accepted, revoked or expired) by its token's hash; `lock` takes its row for the transaction. */
  async live(tx: Sql, tokenHash: string, lock: boolean): Promise<InvitationRecord | null> {
    const rows = await tx.query(
      `select ${COLUMNS} from ${FROM}
        where i.token_hash = $1 and i.accepted_at is null and i.revoked_at is null and i.expires_at > now() ${lock ? 'for update of i' : ''}`,
      [tokenHash],
    );
    return rows[0] ? toInvitation(rows[0]) : null;
  },

  /** Newest first; the list is bounded because open invitations are (MAX_PENDING_INVITATIONS). */
  async list(tx: Sql, teamId: string, limit: number): Promise<InvitationRecord[]> {
    const rows = await tx.query(`select ${COLUMNS} from ${FROM} where i.team_id = $1 order by i.created_at desc, i.id limit $2`, [teamId, limit]);
    return rows.map(toInvitation);
  },

  async revoke(tx: Sql, id: string): Promise<void> {
    await tx.query(`update team_invitation set revoked_at = now() where id = $1 and accepted_at is null and revoked_at is null`, [id]);
  },

  async markAccepted(tx: Sql, id: string, personId: string): Promise<void> {
    await tx.query(`update team_invitation set accepted_by = $2, accepted_at = now() where id = $1`, [id, personId]);
  },

  /** The person (not a team's holder) with this address, if any: an invitation mail names their account. */
  async personByEmail(tx: Sql, email: string): Promise<string | null> {
    const rows = await tx.query(`select id from app_user where email = $1 and kind = 'person'`, [email]);
    return rows[0]?.id ?? null;
  },
};

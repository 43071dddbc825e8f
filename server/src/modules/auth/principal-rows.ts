import { isSpendPeriod, type Role, type TeamRole } from '@tollgate/shared';
import type { CachedPrincipal } from './principal-cache.js';
import type { SpendCap } from './principal.js';

/** A credential's owner as read from PostgreSQL (authenticate.ts's queries). */
export interface PrincipalRow {
  id: string;
  email: string;
  role: Role;
  key_id: string | null;
  scopes: CachedPrincipal['scopes'] | null;
  suspended_at: Date | null;
  session_epoch?: number | null;
  account_id?: string | null;
  key_cap_micro?: string | null;
  key_cap_period?: string | null;
  key_expires_at?: Date | null;
  allowed_models?: string[] | null;
  team_role?: TeamRole | null;
  member_cap_micro?: string | null;
  member_cap_period?: string | null;
  memberships?: { teamId: string; role: TeamRole; capMicro: string | null; capPeriod: string | null; suspended?: boolean }[] | null;
  account_suspended?: boolean | null;
}

export const toCap = (micro: string | null | undefined, period: string | null | undefined): SpendCap | null =>
  micro != null && isSpendPeriod(period) ? { amountMicro: BigInt(micro), period } : null;

export const toCached = (row: PrincipalRow): CachedPrincipal => ({
  userId: row.id,
  email: row.email,
  role: row.role,
  suspended: row.suspended_at !== null,
  keyId: row.key_id,
  scopes: [...(row.scopes ?? [])],
  sessionEpoch: row.session_epoch ?? 0,
  accountId: row.account_id ?? row.id,
  keyTeam: row.team_role ? { role: row.team_role, cap: toCap(row.member_cap_micro, row.member_cap_period) } : null,
  accountSuspended: row.account_suspended === true,
  key: row.key_id
    ? {
        cap: toCap(row.key_cap_micro, row.key_cap_period),
        expiresAt: row.key_expires_at ? new Date(row.key_expires_at) : null,
        models: row.allowed_models ?? null,
      }
    : undefined,
  memberships: (row.memberships ?? []).map((m) => ({ teamId: m.teamId, role: m.role, cap: toCap(m.capMicro, m.capPeriod), suspended: m.suspended === true })),
});

/**
 * A key's owner, its limits and, for a team key, the owner's membership: a key whose owner left
 * the team (or was removed) is not found, like a revoked one.
 */
export const KEY_SQL = `select u.id, u.email, u.role, k.id as key_id, k.scopes, u.suspended_at, k.account_id,
    k.cap_micro::text as key_cap_micro, k.cap_period as key_cap_period, k.expires_at as key_expires_at, k.allowed_models,
    m.role as team_role, m.cap_micro::text as member_cap_micro, m.cap_period as member_cap_period, acct.suspended_at is not null as account_suspended
  from api_key k join app_user u on u.id = k.user_id join app_user acct on acct.id = k.account_id
  left join team_member m on m.team_id = k.account_id and m.user_id = k.user_id
  where k.secret_hash = ? and k.revoked_at is null and (k.account_id = k.user_id or m.user_id is not null)`;

/** A signed-in person and every team they belong to (a suspended team's account refuses its members acting for it). */
export const USER_SQL = `select u.id, u.email, u.role, null as key_id, null as scopes, u.session_epoch, u.suspended_at,
    coalesce((select json_agg(json_build_object('teamId', m.team_id, 'role', m.role, 'capMicro', m.cap_micro::text, 'capPeriod', m.cap_period,
        'suspended', tu.suspended_at is not null))
      from team_member m join app_user tu on tu.id = m.team_id where m.user_id = u.id), '[]'::json) as memberships
  from app_user u where u.id = ? and u.kind = 'person'`;

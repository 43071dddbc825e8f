import type { EntityManager } from '@mikro-orm/postgresql';
import { isTeamManager, type TeamRole } from '@tollgate/shared';
import { ForbiddenError, NotFoundError } from '../../platform/errors.js';
import { MANAGE_MESSAGE } from './requirements.js';

/**
 * Who may change a key (revoke it, set its limits): docs/decisions/0060-key-limits-api.md.
 * Read from PostgreSQL inside the change's transaction, with the key's row locked, so a role
 * changed or a member removed a moment ago is what decides, not a cached principal.
 */
export interface KeyAccessRow {
  id: string;
  user_id: string;
  account_id: string;
  revoked_at: Date | null;
  /** The caller's role in the key's account when that is a team they belong to. */
  caller_role: TeamRole | null;
  /** The key owner's role there (null: a personal key, or an owner who left). */
  owner_role: TeamRole | null;
}

const KEY_ACCESS_SQL = `select k.id, k.user_id, k.account_id, k.revoked_at, cm.role as caller_role, om.role as owner_role
  from api_key k
  left join team_member cm on cm.team_id = k.account_id and cm.user_id = ?
  left join team_member om on om.team_id = k.account_id and om.user_id = k.user_id
  where k.id = ? for update of k`;

export async function lockKeyAccess(em: EntityManager, callerId: string, keyId: string): Promise<KeyAccessRow | null> {
  const rows: KeyAccessRow[] = await em.getConnection().execute(KEY_ACCESS_SQL, [callerId, keyId], 'all', em.getTransactionContext());
  return rows[0] ?? null;
}

/** A manager of the key's team may act on it; an admin not on an owner's key (admins manage everyone but owners). */
function managerMay(row: KeyAccessRow): boolean {
  if (row.account_id === row.user_id || !isTeamManager(row.caller_role)) return false;
  return row.caller_role === 'owner' || row.owner_role !== 'owner';
}

/**
 * Revoking: the key's owner, or an owner/admin of its team. A key the caller cannot see (another
 * person's, another team's, or a teammate's when the caller is a plain member) is NOT_FOUND, never
 * FORBIDDEN: its existence is not told.
 */
export function assertMayRevoke(row: KeyAccessRow | null, callerId: string): asserts row is KeyAccessRow {
  if (!row) throw new NotFoundError('API key');
  if (row.user_id === callerId || managerMay(row)) return;
  throw hidden(row);
}

/**
 * Setting limits: a personal key's owner; a team key's limits only an owner or admin of the team
 * (a member may not change, raise or clear the limits a manager set on their own key).
 */
export function assertMaySetLimits(row: KeyAccessRow | null, callerId: string): asserts row is KeyAccessRow {
  if (!row) throw new NotFoundError('API key');
  const personal = row.account_id === row.user_id;
  if (personal ? row.user_id === callerId : managerMay(row)) return;
  if (!personal && row.user_id === callerId) throw new ForbiddenError(MANAGE_MESSAGE);
  throw hidden(row);
}

/** An admin sees an owner's key in the team's list: told why; anyone else is told nothing. */
function hidden(row: KeyAccessRow): Error {
  if (row.caller_role === 'admin' && row.owner_role === 'owner') return new ForbiddenError("Only an owner may change an owner's API key");
  return new NotFoundError('API key');
}

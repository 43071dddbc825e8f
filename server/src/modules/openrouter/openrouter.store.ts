import type { Sealed } from '../../platform/crypto.js';
import type { Row, Sql } from '../../platform/sql.js';

/** A user's managed key as stored (the sealed value stays inside this module). */
export interface ManagedKeyRow {
  userId: string;
  keyHash: string;
  label: string;
  sealed: Sealed;
  limitCents: bigint;
  disabled: boolean;
  usageNano: bigint;
  syncedAt: Date | null;
  createdAt: Date;
}

/** One row of the admin's reconciliation: the key, the user, and what Tollgate recorded as provider cost. */
export interface ReconciliationRow extends Omit<ManagedKeyRow, 'sealed'> {
  email: string;
  recordedCostNano: bigint;
}

const COLUMNS = 'k.user_id, k.key_hash, k.label, k.key_id, k.iv, k.ciphertext, k.tag, k.limit_cents, k.disabled, k.usage_nano, k.synced_at, k.created_at';

/** The openrouter_key table's SQL. */
export class OpenRouterKeyStore {
  constructor(private readonly sql: Sql) {}

  async find(userId: string, tx: Sql = this.sql): Promise<ManagedKeyRow | null> {
    const rows = await tx.query(`select ${COLUMNS} from openrouter_key k where k.user_id = $1`, [userId]);
    return rows[0] ? toRow(rows[0]) : null;
  }

  /** Inside the creating transaction; the primary key refuses a second row for the user. */
  async insert(tx: Sql, row: Omit<ManagedKeyRow, 'usageNano' | 'syncedAt' | 'createdAt'>): Promise<ManagedKeyRow> {
    const rows = await tx.query(
      `insert into openrouter_key as k (user_id, key_hash, label, key_id, iv, ciphertext, tag, limit_cents, disabled)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9) returning ${COLUMNS}`,
      [row.userId, row.keyHash, row.label, row.sealed.keyId, row.sealed.iv, row.sealed.ciphertext, row.sealed.tag, row.limitCents.toString(), row.disabled],
    );
    return toRow(rows[0]!);
  }

  /** What OpenRouter said after a PATCH or GET: the limit and state it holds, and its usage when read. */
  async recordRemote(userId: string, state: { limitCents: bigint; disabled: boolean; usageNano?: bigint }): Promise<void> {
    await this.sql.query(
      `update openrouter_key set limit_cents = $2, disabled = $3, usage_nano = coalesce($4::bigint, usage_nano),
         synced_at = case when $4::bigint is null then synced_at else now() end, updated_at = now()
       where user_id = $1`,
      [userId, state.limitCents.toString(), state.disabled, state.usageNano?.toString() ?? null],
    );
  }

  /** What the metering recorded as provider cost for the user's successful platform-paid OpenRouter calls since `since`, nano-dollars. */
  async recordedCost(userId: string, since: Date): Promise<bigint> {
    const rows = await this.sql.query(
      `select coalesce(sum(cost_nano), 0)::text as n from usage_event
       where user_id = $1 and provider = 'openrouter' and status = 'ok' and not byok and created_at >= $2`,
      [userId, since],
    );
    return BigInt(rows[0]!.n);
  }

  async allUserIds(): Promise<string[]> {
    return (await this.sql.query(`select user_id from openrouter_key order by created_at`)).map((r) => r.user_id as string);
  }

  /**
   * Every key with Tollgate's own record of what its calls cost at OpenRouter: the metering's usage
   * events of the user's successful, platform-paid OpenRouter calls since the key was created (the
   * calls that went through it). Read-only, for the admin's reconciliation.
   */
  async reconciliation(): Promise<ReconciliationRow[]> {
    const rows = await this.sql.query(
      `select ${COLUMNS}, u.email,
         coalesce((select sum(e.cost_nano) from usage_event e
                   where e.user_id = k.user_id and e.provider = 'openrouter' and e.status = 'ok' and not e.byok
                     and e.created_at >= k.created_at), 0)::text as recorded_cost_nano
       from openrouter_key k join app_user u on u.id = k.user_id
       order by k.created_at`,
    );
    return rows.map((r) => {
      const { sealed: _sealed, ...rest } = toRow(r);
      return { ...rest, email: r.email as string, recordedCostNano: BigInt(r.recorded_cost_nano) };
    });
  }

  /** Whether the user is suspended now: a suspended user's key is disabled. */
  async suspended(userId: string): Promise<boolean> {
    const rows = await this.sql.query(`select suspended_at is not null as suspended from app_user where id = $1`, [userId]);
    return rows[0]?.suspended === true;
  }
}

function toRow(r: Row): ManagedKeyRow {
  return {
    userId: r.user_id,
    keyHash: r.key_hash,
    label: r.label,
    sealed: { keyId: r.key_id, iv: r.iv, ciphertext: r.ciphertext, tag: r.tag },
    limitCents: BigInt(r.limit_cents),
    disabled: r.disabled,
    usageNano: BigInt(r.usage_nano),
    syncedAt: r.synced_at ?? null,
    createdAt: r.created_at,
  };
}

import type { Sealed } from '../../../platform/crypto.js';
import type { Row, Sql } from '../../../platform/sql.js';
import type { ByokProvider, ProviderKeyRecord } from './provider-key.domain.js';

/** A stored key with its sealed value, for the service only: never leaves the byok folder. */
export interface SealedProviderKey extends ProviderKeyRecord {
  sealed: Sealed;
}

const PUBLIC_COLUMNS = 'id, user_id, provider, key_id, last4, created_at, last_used_at';
const SEALED_COLUMNS = `${PUBLIC_COLUMNS}, iv, ciphertext, tag`;

/** The provider_key table's SQL. */
export class ProviderKeyStore {
  constructor(private readonly sql: Sql) {}

  async list(userId: string): Promise<ProviderKeyRecord[]> {
    const rows = await this.sql.query(`select ${PUBLIC_COLUMNS} from provider_key where user_id = $1 order by provider`, [userId]);
    return rows.map(toRecord);
  }

  /** Inserts, or replaces the user's key for that provider: a new id, and no use recorded yet. */
  async upsert(id: string, userId: string, provider: ByokProvider, sealed: Sealed, last4: string): Promise<ProviderKeyRecord> {
    const rows = await this.sql.query(
      `insert into provider_key (id, user_id, provider, key_id, iv, ciphertext, tag, last4)
       values ($1, $2, $3, $4, $5, $6, $7, $8)
       on conflict (user_id, provider) do update set
         id = excluded.id, key_id = excluded.key_id, iv = excluded.iv, ciphertext = excluded.ciphertext,
         tag = excluded.tag, last4 = excluded.last4, created_at = now(), last_used_at = null
       returning ${PUBLIC_COLUMNS}`,
      [id, userId, provider, sealed.keyId, sealed.iv, sealed.ciphertext, sealed.tag, last4],
    );
    return toRecord(rows[0]!);
  }

  async delete(id: string, userId: string): Promise<ProviderKeyRecord | null> {
    const rows = await this.sql.query(`delete from provider_key where id = $1 and user_id = $2 returning ${PUBLIC_COLUMNS}`, [id, userId]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async find(userId: string, provider: ByokProvider): Promise<SealedProviderKey | null> {
    const rows = await this.sql.query(`select ${SEALED_COLUMNS} from provider_key where user_id = $1 and provider = $2`, [userId, provider]);
    return rows[0] ? toSealed(rows[0]) : null;
  }

  /** All of a user's keys, sealed: the gateway reads them once per request, whatever the number of candidates. */
  async findAll(userId: string): Promise<SealedProviderKey[]> {
    const rows = await this.sql.query(`select ${SEALED_COLUMNS} from provider_key where user_id = $1`, [userId]);
    return rows.map(toSealed);
  }

  /** Rows not sealed under `currentKeyId`, in id order after `afterId` (keyset paging for re-encryption). */
  async sealedUnderOtherKeys(currentKeyId: string, afterId: string | null, limit: number): Promise<SealedProviderKey[]> {
    const rows = await this.sql.query(
      `select ${SEALED_COLUMNS} from provider_key
       where key_id <> $1 and ($2::uuid is null or id > $2::uuid) order by id limit $3`,
      [currentKeyId, afterId, limit],
    );
    return rows.map(toSealed);
  }

  async countUnderOtherKeys(currentKeyId: string): Promise<number> {
    return (await this.sql.query(`select count(*)::int as n from provider_key where key_id <> $1`, [currentKeyId]))[0]!.n as number;
  }

  /**
   * Swaps in a value sealed under the current key, only if the row still holds the value that was
   * read: a key replaced or re-encrypted meanwhile is left as it is.
   */
  async reseal(id: string, previous: Sealed, next: Sealed): Promise<boolean> {
    const rows = await this.sql.query(
      `update provider_key set key_id = $3, iv = $4, ciphertext = $5, tag = $6
       where id = $1 and key_id = $2 and iv = $7 returning id`,
      [id, previous.keyId, next.keyId, next.iv, next.ciphertext, next.tag, previous.iv],
    );
    return rows.length > 0;
  }

  /** Records a use at most once a minute per key, so a busy key does not write on every call. */
  async touch(id: string): Promise<void> {
    await this.sql.query(
      `update provider_key set last_used_at = now() where id = $1 and (last_used_at is null or last_used_at < now() - interval '1 minute')`,
      [id],
    );
  }
}

function toRecord(r: Row): ProviderKeyRecord {
  return {
    id: r.id,
    userId: r.user_id,
    provider: r.provider,
    keyId: r.key_id,
    last4: r.last4,
    createdAt: r.created_at,
    lastUsedAt: r.last_used_at ?? null,
  };
}

function toSealed(r: Row): SealedProviderKey {
  return { ...toRecord(r), sealed: { keyId: r.key_id, iv: r.iv, ciphertext: r.ciphertext, tag: r.tag } };
}

import { createHash, randomUUID } from 'node:crypto';
import type { Row, Sql } from '../../platform/sql.js';

export type GiftStatus = 'pending' | 'claimed' | 'returned';

export interface GiftRecord {
  id: string;
  senderId: string;
  senderEmail: string;
  recipientEmail: string;
  recipientId: string | null;
  credits: bigint;
  message: string | null;
  status: GiftStatus;
  idempotencyKey: string;
  createdAt: Date;
  claimedAt: Date | null;
  returnedAt: Date | null;
  expiresAt: Date;
}

/** The claim link's token is a bearer secret: only its SHA-256 is stored, so a database read cannot claim. */
export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

const COLUMNS = `g.id, g.sender_id, s.email as sender_email, g.recipient_email, g.recipient_id, g.credits, g.message, g.status,
  g.idempotency_key, g.created_at, g.claimed_at, g.returned_at, g.expires_at`;
const FROM = `gift g join app_user s on s.id = g.sender_id`;

const toGift = (r: Row): GiftRecord => ({
  id: r.id,
  senderId: r.sender_id,
  senderEmail: r.sender_email,
  recipientEmail: r.recipient_email,
  recipientId: r.recipient_id,
  credits: BigInt(r.credits),
  message: r.message,
  status: r.status,
  idempotencyKey: r.idempotency_key,
  createdAt: r.created_at,
  claimedAt: r.claimed_at,
  returnedAt: r.returned_at,
  expiresAt: r.expires_at,
});

export interface NewGift {
  senderId: string;
  recipientEmail: string;
  recipientId: string | null;
  credits: bigint;
  message: string | null;
  idempotencyKey: string;
  tokenHash: string | null;
  now: Date;
  expiresAt: Date;
}

/** The gift rows, read and changed in the caller's transaction. Every change locks the row first. */
export const giftStore = {
  /**
   * Inserts the gift unless this sender used the key before; then null. A concurrent insert with the
   * same key waits here for the first to commit (or roll back, and then this one goes ahead).
   */
  async insert(tx: Sql, g: NewGift): Promise<string | null> {
    const id = randomUUID();
    const rows = await tx.query(
      `insert into gift (id, sender_id, recipient_email, recipient_id, credits, message, status, claim_token_hash, idempotency_key, created_at, expires_at)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) on conflict (sender_id, idempotency_key) do nothing returning id`,
      [
        id,
        g.senderId,
        g.recipientEmail,
        g.recipientId,
        g.credits,
        g.message,
        g.recipientId ? 'claimed' : 'pending',
        g.tokenHash,
        g.idempotencyKey,
        g.now,
        g.expiresAt,
      ],
    );
    return rows[0] ? id : null;
  },

  async byKey(tx: Sql, senderId: string, key: string): Promise<GiftRecord | null> {
    const rows = await tx.query(`select ${COLUMNS} from ${FROM} where g.sender_id = $1 and g.idempotency_key = $2 for update of g`, [senderId, key]);
    return rows[0] ? toGift(rows[0]) : null;
  },

  async byId(tx: Sql, id: string, lock = false): Promise<GiftRecord | null> {
    const rows = await tx.query(`select ${COLUMNS} from ${FROM} where g.id = $1 ${lock ? 'for update of g' : ''}`, [id]);
    return rows[0] ? toGift(rows[0]) : null;
  },

  async byTokenLocked(tx: Sql, tokenHash: string): Promise<GiftRecord | null> {
    const rows = await tx.query(`select ${COLUMNS} from ${FROM} where g.claim_token_hash = $1 for update of g`, [tokenHash]);
    return rows[0] ? toGift(rows[0]) : null;
  },

  async markClaimed(tx: Sql, id: string, recipientId: string, now: Date): Promise<void> {
    // The token's hash stays: the claimer's retry answers the same gift, anyone else hears ALREADY_CLAIMED.
    await tx.query(`update gift set status = 'claimed', recipient_id = $2, claimed_at = $3 where id = $1`, [id, recipientId, now]);
  },

  async markReturned(tx: Sql, id: string, now: Date): Promise<void> {
    await tx.query(`update gift set status = 'returned', returned_at = $2 where id = $1`, [id, now]);
  },

  /** Pending gifts past their deadline, oldest first; the sweep locks each on its own. */
  async dueIds(sql: Sql, now: Date, limit: number): Promise<string[]> {
    const rows = await sql.query(`select id from gift where status = 'pending' and expires_at <= $1 order by expires_at limit $2`, [now, limit]);
    return rows.map((r) => r.id as string);
  },

  async sent(sql: Sql, senderId: string, limit: number): Promise<GiftRecord[]> {
    return (await sql.query(`select ${COLUMNS} from ${FROM} where g.sender_id = $1 order by g.created_at desc, g.id limit $2`, [senderId, limit])).map(toGift);
  },

  /** Gifts this user received, and pending gifts addressed to their e-mail (claimable with the link or claimPendingGifts). */
  async received(sql: Sql, userId: string, email: string, limit: number): Promise<GiftRecord[]> {
    const rows = await sql.query(
      `select ${COLUMNS} from ${FROM} where g.recipient_id = $1 or (g.status = 'pending' and g.recipient_email = $2)
       order by g.created_at desc, g.id limit $3`,
      [userId, email, limit],
    );
    return rows.map(toGift);
  },

  async pendingForEmail(sql: Sql, email: string): Promise<string[]> {
    const rows = await sql.query(`select id from gift where status = 'pending' and recipient_email = $1 order by created_at, id`, [email]);
    return rows.map((r) => r.id as string);
  },

  async userIdByEmail(tx: Sql, email: string): Promise<string | null> {
    const rows = await tx.query(`select id from app_user where email = $1 and kind = 'person'`, [email]);
    return rows[0]?.id ?? null;
  },
};

import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { HOLD_COLUMNS } from '../server/src/modules/ledger/ledger.rows.js';
import { APPEND_ENTRY, BURN_GRANTS, LOCK_ACCOUNT, SAVE_ACCOUNT } from '../server/src/modules/ledger/ledger.sql.js';
import { UsageStore, type UsageEvent } from '../server/src/modules/metering/usage.store.js';
import type { Sql } from '../server/src/platform/sql.js';

const HOLD_TTL_MS = 15 * 60 * 1000;

/** What one metered completion writes, copied from a real call so the bare run moves the same money and rows. */
export interface BareShape {
  userId: string;
  /** The worst case the gateway held, micro-credits. */
  held: bigint;
  /** The call's usage event (its charge is what settle takes). */
  event: Omit<UsageEvent, 'holdId'>;
}

/** The shape of the user's latest metered completion: its hold and its usage event, as the gateway wrote them. */
export async function lastCompletion(pool: pg.Pool, userId: string): Promise<BareShape> {
  const row = (
    await pool.query(
      `select e.*, h.amount as held from usage_event e join credit_hold h on h.id = e.hold_id
     where e.user_id = $1 and e.status = 'ok' order by e.created_at desc limit 1`,
      [userId],
    )
  ).rows[0];
  if (!row) throw new Error('no metered completion to copy');
  return {
    userId,
    held: BigInt(row.held),
    event: {
      userId,
      apiKeyId: row.api_key_id,
      service: row.service,
      modelId: row.model_id,
      provider: row.provider,
      status: 'ok',
      errorCode: null,
      inputTokens: row.input_tokens,
      outputTokens: row.output_tokens,
      costNano: BigInt(row.cost_nano),
      markupBps: BigInt(row.markup_bps),
      charged: BigInt(row.charged),
      cached: false,
      byok: false,
      latencyMs: row.latency_ms,
      idempotencyKey: null,
      requestHash: row.request_hash,
      response: row.response,
    },
  };
}

/**
 * The money and metering SQL of one metered completion, with nothing else, in the gateway's two
 * transactions: hold (lock the account, check the hold's key, insert the hold, save the account),
 * then settle (lock, read the hold, append the usage entry, burn grants, close the hold, write the
 * usage event and its daily rollup, save the account). The ledger statements are ledger.sql.ts's;
 * the event is written by UsageStore.record itself (one statement) on this transaction's client,
 * so the bare run always writes exactly what the service writes. No expiry work: nothing is due.
 */
export class BareCompletion {
  private readonly usage = new UsageStore({ query: () => Promise.reject(new Error('bare writes go through a transaction')) });

  constructor(
    private readonly pool: pg.Pool,
    private readonly shape: BareShape,
  ) {}

  async run(): Promise<void> {
    const id = randomUUID();
    const holdId = await this.hold(id);
    await this.settle(id, holdId);
  }

  private async hold(id: string): Promise<string> {
    const { userId, held } = this.shape;
    return this.transaction(async (c) => {
      const now = new Date();
      const account = (await c.query(LOCK_ACCOUNT, [userId, now, randomUUID()])).rows[0];
      const key = `completion:${id}`;
      await c.query(`select ${HOLD_COLUMNS}, request_hash from credit_hold where account_id = $1 and idempotency_key = $2`, [account.id, key]);
      if (held > BigInt(account.balance) - BigInt(account.held)) throw new Error('bench account ran out of credit');
      const hold = (
        await c.query(
          `insert into credit_hold (id, account_id, amount, reference, idempotency_key, request_hash, expires_at, created_at)
         values ($1, $2, $3, $4, $5, $6, $7, $8) returning ${HOLD_COLUMNS}`,
          [randomUUID(), account.id, held, key, key, 'bench', new Date(now.getTime() + HOLD_TTL_MS), now],
        )
      ).rows[0];
      await this.save(c, account, BigInt(account.balance), BigInt(account.held) + held, now);
      return hold.id as string;
    });
  }

  private async settle(id: string, holdId: string): Promise<void> {
    const { userId } = this.shape;
    const charged = this.shape.event.charged;
    await this.transaction(async (c) => {
      const now = new Date();
      const account = (await c.query(LOCK_ACCOUNT, [userId, now, randomUUID()])).rows[0];
      const hold = (await c.query(`select ${HOLD_COLUMNS} from credit_hold where id = $1 and account_id = $2`, [holdId, account.id])).rows[0];
      const balance = BigInt(account.balance) - charged;
      let entryId: string | null = null;
      if (charged > 0n) {
        entryId = (
          await c.query(APPEND_ENTRY, [
            randomUUID(),
            account.id,
            'usage',
            -charged,
            balance,
            this.shape.event.apiKeyId ? 'api_key' : 'user',
            userId,
            `completion:${id}`,
            `${this.shape.event.modelId} completion`,
            null,
            null,
            now,
            null,
            null,
          ])
        ).rows[0].id as string;
        await c.query(BURN_GRANTS, [account.id, charged, entryId]);
      }
      await c.query(`update credit_hold set status = 'settled', settled_amount = $2, entry_id = $3, closed_at = $4 where id = $1 returning ${HOLD_COLUMNS}`, [
        hold.id,
        charged,
        entryId,
        now,
      ]);
      const tx: Sql = { query: async (text, params = []) => (await c.query(text, params)).rows };
      await this.usage.record({ ...this.shape.event, holdId }, tx);
      await this.save(c, account, balance, BigInt(account.held) - BigInt(hold.amount), now);
    });
  }

  /** SAVE_ACCOUNT as saveAccount runs it (the alert flag follows the threshold; no alert row: no crossing here). */
  private async save(c: pg.PoolClient, account: Record<string, any>, balance: bigint, held: bigint, now: Date): Promise<void> {
    const threshold = BigInt(account.low_balance_threshold);
    await c.query(SAVE_ACCOUNT, [account.id, balance, held, balance < threshold, now, threshold]);
  }

  private async transaction<T>(fn: (c: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('begin');
      const result = await fn(client);
      await client.query('commit');
      return result;
    } catch (err) {
      await client.query('rollback').catch(() => undefined);
      throw err;
    } finally {
      client.release();
    }
  }
}

import type { Sql } from '../../platform/sql.js';
import { appendEntry, type LockedAccount } from './ledger.account.js';
import { SYSTEM } from './ledger.domain.js';
import { BURN_GRANTS, BURN_ORDER } from './ledger.sql.js';

/**
 * Takes `amount` from the account's grants in burn order, in one statement, and links each draw
 * to `entryId`. The caller has checked that the grants cover it (Σ remaining = balance).
 */
export async function burnGrants(tx: Sql, accountId: string, amount: bigint, entryId: string): Promise<void> {
  await tx.query(BURN_GRANTS, [accountId, amount, entryId]);
}

/**
 * Releases holds past their deadline, then writes an expiry entry for each grant past its
 * `expires_at`. An expiring grant never takes credit that active holds still need: it expires
 * what is available, and the rest expires once those holds settle or lapse.
 */
export async function expireDue(tx: Sql, account: LockedAccount, now: Date): Promise<{ grants: number; holds: number }> {
  let holds = 0;
  if (account.holdsDue) {
    const released = await tx.query(
      `update credit_hold set status = 'expired', closed_at = $2
       where account_id = $1 and status = 'active' and expires_at <= $2 returning amount`,
      [account.id, now],
    );
    for (const r of released) account.held -= BigInt(r.amount);
    holds = released.length;
  }
  let grants = 0;
  if (account.grantsDue) {
    const due = await tx.query(
      `select id, remaining, source from credit_grant
       where account_id = $1 and remaining > 0 and expires_at <= $2 order by ${BURN_ORDER}`,
      [account.id, now],
    );
    for (const g of due) {
      const take = min(BigInt(g.remaining), account.balance - account.held);
      if (take <= 0n) break;
      const entry = await appendEntry(
        tx,
        account,
        {
          type: 'expiry',
          amount: -take,
          actor: SYSTEM,
          reference: `grant:${g.id}`,
          description: `Expired ${g.source} credit`,
          idempotencyKey: null,
          requestHash: null,
        },
        now,
      );
      await tx.query(`update credit_grant set remaining = remaining - $2 where id = $1`, [g.id, take]);
      await tx.query(`insert into ledger_entry_grant (entry_id, grant_id, amount) values ($1, $2, $3)`, [entry.id, g.id, take]);
      grants += 1;
    }
  }
  account.grantsDue = false;
  account.holdsDue = false;
  return { grants, holds };
}

const min = (a: bigint, b: bigint) => (a < b ? a : b);

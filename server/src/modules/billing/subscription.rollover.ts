import type { Sql } from '../../platform/sql.js';
import type { Tier } from '../catalog/index.js';
import { appendEntry, type LockedAccount } from '../ledger/index.js';
import { DEFAULT_PRIORITY, SYSTEM } from '../ledger/index.js';
import { insertGrant } from '../ledger/index.js';
import type { LedgerService } from '../ledger/index.js';
import { requestHash } from '../../platform/request-hash.js';

export interface RolloverCommand {
  userId: string;
  /** Its invoices' payment rows name the grants of this subscription (keys `invoice:<id>:<kind>`). */
  stripeSubscriptionId: string;
  /** The renewal invoice: the rollover grant is keyed and referenced by it. */
  invoiceId: string;
  /** Where the previous period ended and the new one starts: the previous period's grants expire here. */
  periodStart: Date;
  periodEnd: Date;
  /** The tier of the period that ended: its rule decides what carries over. */
  tier: Pick<Tier, 'code' | 'rollover' | 'rolloverCap'>;
}

export interface RolloverResult {
  /** What was left of the previous period's grants at its end (micro-credits). */
  unused: bigint;
  rolledOver: bigint;
}

const min = (a: bigint, b: bigint) => (a < b ? a : b);

/** What a tier's rule carries over of `unused`: nothing, up to its cap, or all. */
export function rolloverAmount(tier: RolloverCommand['tier'], unused: bigint): bigint {
  if (unused <= 0n) return 0n;
  if (tier.rollover === 'full') return unused;
  if (tier.rollover === 'capped') return min(unused, tier.rolloverCap ?? 0n);
  return 0n;
}

/**
 * At a renewal, before the new allocation: the previous period's grants of this subscription
 * (allocation, earlier rollover, upgrade credit; all expire at the new period's start) end now,
 * and the tier's rule turns what was unused into a ROLLOVER grant for the new period. "Unused" is
 * what remains of them now plus what the ledger's own expiry already took from them (when the
 * renewal arrives after the period ended), so the order of expiry and renewal changes nothing.
 * One ledger operation, in the caller's transaction; keyed by the invoice, so it happens once.
 */
export async function rollOver(ledger: Pick<LedgerService, 'applyWithin'>, tx: Sql, cmd: RolloverCommand) {
  return ledger.applyWithin(tx, cmd.userId, (t, account, now) => rollOverLocked(t, account, now, cmd));
}

async function rollOverLocked(tx: Sql, account: LockedAccount, now: Date, cmd: RolloverCommand): Promise<RolloverResult> {
  const key = `invoice:${cmd.invoiceId}:rollover`;
  const done = await tx.query(`select amount from ledger_entry where account_id = $1 and idempotency_key = $2`, [account.id, key]);
  if (done[0]) return { unused: 0n, rolledOver: BigInt(done[0].amount) };
  // The subscription's grants are those whose entries carry one of its invoices' grant keys.
  const grants = await tx.query(
    `select g.id, g.remaining, g.source from credit_grant g join ledger_entry e on e.id = g.entry_id
     where g.account_id = $1 and g.expires_at = $3 and e.idempotency_key in (
       select 'invoice:' || p.stripe_invoice_id || ':' || k.kind from payment p cross join unnest(array['allocation', 'upgrade', 'rollover']) as k(kind)
       where p.stripe_subscription_id = $2 and p.stripe_invoice_id is not null)
     order by g.created_at, g.id`,
    [account.id, cmd.stripeSubscriptionId, cmd.periodStart],
  );
  if (grants.length === 0) return { unused: 0n, rolledOver: 0n };
  const [expired] = await tx.query(
    `select coalesce(sum(eg.amount), 0)::text as amount from ledger_entry_grant eg join ledger_entry e on e.id = eg.entry_id
     where eg.grant_id = any($1::uuid[]) and e.type = 'expiry'`,
    [grants.map((g) => g.id)],
  );
  let unused = BigInt(expired!.amount);
  for (const g of grants) {
    // As the ledger's own expiry: never take credit that active holds still need; that part expires when they settle.
    const take = min(BigInt(g.remaining), account.balance - account.held);
    if (take <= 0n) continue;
    const entry = await appendEntry(
      tx,
      account,
      {
        type: 'expiry',
        amount: -take,
        actor: SYSTEM,
        reference: `grant:${g.id}`,
        description: `Expired ${g.source} credit at renewal`,
        idempotencyKey: null,
        requestHash: null,
      },
      now,
    );
    await tx.query(`update credit_grant set remaining = remaining - $2 where id = $1`, [g.id, take]);
    await tx.query(`insert into ledger_entry_grant (entry_id, grant_id, amount) values ($1, $2, $3)`, [entry.id, g.id, take]);
    unused += take;
  }
  const amount = rolloverAmount(cmd.tier, unused);
  if (amount > 0n && cmd.periodEnd.getTime() > now.getTime()) {
    const description = `Rollover of unused ${cmd.tier.code} credit`;
    const reference = `invoice:${cmd.invoiceId}`;
    const hash = requestHash('rollover', { amount, reference, expiresAt: cmd.periodEnd, description });
    const entry = await appendEntry(
      tx,
      account,
      { type: 'rollover', amount, actor: SYSTEM, reference, description, idempotencyKey: key, requestHash: hash },
      now,
    );
    await insertGrant(tx, {
      accountId: account.id,
      entryId: entry.id,
      source: 'rollover',
      amount,
      priority: DEFAULT_PRIORITY.rollover,
      expiresAt: cmd.periodEnd,
      reference,
      refundOf: null,
      now,
    });
  }
  return { unused, rolledOver: amount };
}

import { InsufficientCreditsError } from '../../platform/errors.js';
import type { Sql } from '../../platform/sql.js';
import { appendEntry, type LockedAccount } from '../ledger/index.js';
import { burnGrants } from '../ledger/index.js';
import { DEFAULT_PRIORITY, type GrantSource } from '../ledger/index.js';
import { insertGrant } from '../ledger/index.js';
import { burnStatement } from '../ledger/index.js';
import { requestHash } from '../../platform/request-hash.js';

/**
 * Credit the user paid for: packages, subscription allocations, and what a paid allocation rolled
 * over. Not signup, coupon, admin, referral, refund (it may give back promotional credit) nor gift
 * (a gift received may have been promotional credit passed on before the admin turned the rule on).
 */
export const PAID_SOURCES: GrantSource[] = ['purchase', 'subscription', 'rollover'];

/** The ledger's own burn, restricted to the live grants of the given sources ($4 sources, $5 now). */
const BURN_SOURCES = burnStatement({ onlyWhere: 'source = any($4::text[]) and (expires_at is null or expires_at > $5)' });

export interface GiftParty {
  giftId: string;
  credits: bigint;
  /** The other side, named in the description ("Gift to bob@…", "Gift from alice@…"). */
  otherEmail: string;
  actorId: string;
}

/**
 * The sender's side: one `gift_sent` debit of the AVAILABLE balance (balance − held). With
 * `paidOnly`, it burns only live paid grants, and counts every hold against them (a hold may end
 * up burning paid credit), so promotional credit never leaves the account as a gift.
 */
export async function debitSender(tx: Sql, account: LockedAccount, now: Date, gift: GiftParty, paidOnly: boolean): Promise<void> {
  const available = account.balance - account.held;
  let giftable = available;
  if (paidOnly) {
    const [row] = await tx.query(
      `select coalesce(sum(remaining), 0)::text as paid from credit_grant
       where account_id = $1 and remaining > 0 and source = any($2::text[]) and (expires_at is null or expires_at > $3)`,
      [account.id, PAID_SOURCES, now],
    );
    const paid = BigInt(row!.paid) - account.held;
    if (paid < giftable) giftable = paid < 0n ? 0n : paid;
  }
  if (gift.credits > giftable) {
    throw new InsufficientCreditsError(
      gift.credits,
      giftable,
      paidOnly ? 'Not enough paid credits for this gift (only purchased credit may be gifted)' : 'Not enough credits for this gift',
    );
  }
  const key = `gift:${gift.giftId}:sent`;
  const entry = await appendEntry(
    tx,
    account,
    {
      type: 'gift_sent',
      amount: -gift.credits,
      actor: { type: 'user', id: gift.actorId },
      reference: `gift:${gift.giftId}`,
      description: `Gift to ${gift.otherEmail}`,
      idempotencyKey: key,
      requestHash: requestHash('gift_sent', { giftId: gift.giftId, amount: gift.credits }),
    },
    now,
  );
  if (paidOnly) await tx.query(BURN_SOURCES, [account.id, gift.credits, entry.id, PAID_SOURCES, now]);
  else await burnGrants(tx, account.id, gift.credits, entry.id);
}

/** The recipient's side: a `gift` grant (entry gift_received) that never expires, keyed by the gift. */
export async function creditRecipient(tx: Sql, account: LockedAccount, now: Date, gift: GiftParty): Promise<void> {
  const key = `gift:${gift.giftId}:received`;
  const reference = `gift:${gift.giftId}`;
  const entry = await appendEntry(
    tx,
    account,
    {
      type: 'gift_received',
      amount: gift.credits,
      actor: { type: 'user', id: gift.actorId },
      reference,
      description: `Gift from ${gift.otherEmail}`,
      idempotencyKey: key,
      requestHash: requestHash('gift_received', { giftId: gift.giftId, amount: gift.credits }),
    },
    now,
  );
  await insertGrant(tx, {
    accountId: account.id,
    entryId: entry.id,
    source: 'gift',
    amount: gift.credits,
    priority: DEFAULT_PRIORITY.gift,
    expiresAt: null,
    reference,
    refundOf: null,
    now,
  });
}

/**
 * An unclaimed gift goes back as one `gift_returned` entry whose grants restore what the gift
 * took, source by source, each with the latest expiry of the grants it came from: paid credit
 * comes back paid, and promotional credit keeps its source and deadline (a gift nobody claims
 * must not turn expiring promotional credit into credit that never expires).
 */
export async function returnToSender(tx: Sql, account: LockedAccount, now: Date, gift: GiftParty): Promise<void> {
  const reference = `gift:${gift.giftId}`;
  const drawn = await tx.query(
    `select g.source, sum(eg.amount)::text as amount, case when bool_or(g.expires_at is null) then null else max(g.expires_at) end as expires_at
     from ledger_entry e join ledger_entry_grant eg on eg.entry_id = e.id join credit_grant g on g.id = eg.grant_id
     where e.account_id = $1 and e.idempotency_key = $2 group by g.source order by g.source`,
    [account.id, `gift:${gift.giftId}:sent`],
  );
  const entry = await appendEntry(
    tx,
    account,
    {
      type: 'gift_returned',
      amount: gift.credits,
      actor: { type: 'system', id: null },
      reference,
      description: `Gift to ${gift.otherEmail} returned unclaimed`,
      idempotencyKey: `gift:${gift.giftId}:returned`,
      requestHash: requestHash('gift_returned', { giftId: gift.giftId, amount: gift.credits }),
    },
    now,
  );
  let restored = 0n;
  for (const d of drawn) {
    const amount = BigInt(d.amount);
    restored += amount;
    const source = d.source as GrantSource;
    await insertGrant(tx, {
      accountId: account.id,
      entryId: entry.id,
      source,
      amount,
      priority: DEFAULT_PRIORITY[source],
      expiresAt: d.expires_at,
      reference,
      refundOf: null,
      now,
    });
  }
  // The debit's draws always add up to the gift (ledgerAudit checks it); this only guards a hand-edited row.
  if (restored !== gift.credits) {
    await insertGrant(tx, {
      accountId: account.id,
      entryId: entry.id,
      source: 'gift',
      amount: gift.credits - restored,
      priority: DEFAULT_PRIORITY.gift,
      expiresAt: null,
      reference,
      refundOf: null,
      now,
    });
  }
}

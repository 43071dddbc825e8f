import type { Sql } from '../../platform/sql.js';
import type { AfterCommit } from '../billing/index.js';
import type { PaidGrant } from '../billing/index.js';
import { SYSTEM } from '../ledger/index.js';
import type { LedgerService } from '../ledger/index.js';
import { isFreeMonthReference } from './coupon.free-month.js';
import type { PromotionSettingsStore } from './promotion-settings.store.js';
import type { ReferralStore } from './referral.store.js';

/**
 * The paid-grant hook that rewards a referral: on the referred user's first payment, in the paying
 * transaction, both sides get their bonus and the referral becomes `rewarded`.
 *
 * Once per referred user: the referral row is locked and only a `pending` row pays; the grants are
 * keyed `referral:<referredUserId>:referrer|referred`, so even a replay after a lost status write
 * grants nothing twice. Lock order: the payment row (the caller's) → the referral row → the referred
 * user's account (already locked by the purchase grant) → the referrer's account. A referrer signed up
 * before whoever they referred, so accounts are always locked newer-before-older: no cycle, no deadlock.
 */
export function referralReward(deps: { ledger: Pick<LedgerService, 'grantWithin'>; store: ReferralStore; settings: PromotionSettingsStore }) {
  return async (tx: Sql, grant: PaidGrant, afterCommit: AfterCommit): Promise<void> => {
    if (isFreeMonthReference(grant.reference)) return; // a coupon's free month is no payment (docs/decisions/0022-coupons.md)
    const referral = await deps.store.lockForReferred(tx, grant.userId);
    if (!referral || referral.status !== 'pending') return;
    const settings = await deps.settings.get(tx);
    const emails = await deps.store.emails(tx, [referral.referrerId, referral.referredId]);
    const sides = [
      {
        userId: referral.referredId,
        amount: settings.referredBonusCredits,
        side: 'referred',
        description: `Referral bonus: referred by ${emails.get(referral.referrerId)}`,
      },
      {
        userId: referral.referrerId,
        amount: settings.referrerBonusCredits,
        side: 'referrer',
        description: `Referral bonus: ${emails.get(referral.referredId)} made their first payment`,
      },
    ];
    for (const s of sides) {
      // A bonus set to 0 by the admin grants nothing (the ledger refuses empty grants); the referral still counts as rewarded.
      if (s.amount <= 0n) continue;
      const { published } = await deps.ledger.grantWithin(tx, {
        userId: s.userId,
        source: 'referral',
        amount: s.amount,
        idempotencyKey: `referral:${referral.referredId}:${s.side}`,
        actor: SYSTEM,
        reference: `referral:${referral.referredId}`,
        description: s.description,
      });
      afterCommit(published);
    }
    await deps.store.markRewarded(tx, referral.id, settings.referrerBonusCredits, settings.referredBonusCredits, grant.reference);
  };
}

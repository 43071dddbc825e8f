import { BadUserInputError } from '../../platform/errors.js';
import type { Sql } from '../../platform/sql.js';
import { MAX_AMOUNT_MICRO } from '../ledger/index.js';

/** The admin's promotion rules, one row (`promotion_settings`, id 1). Credits in micro-credits. */
export interface PromotionSettings {
  /** Only credit the user paid for (package, subscription) may be gifted, so promotional credit cannot be laundered. */
  giftPaidCreditsOnly: boolean;
  /** What the referrer and the referred user each get after the referred user's first payment. */
  referrerBonusCredits: bigint;
  referredBonusCredits: bigint;
  /** Refuse a referral between two addresses of the same e-mail domain (a company's colleagues, or one person's aliases). */
  referralBlockSameDomain: boolean;
  updatedAt: Date;
}

export type PromotionSettingsPatch = Partial<Omit<PromotionSettings, 'updatedAt'>>;

const COLUMNS = 'gift_paid_credits_only, referrer_bonus_credits, referred_bonus_credits, referral_block_same_domain, updated_at';

const toSettings = (r: Record<string, any>): PromotionSettings => ({
  giftPaidCreditsOnly: r.gift_paid_credits_only,
  referrerBonusCredits: BigInt(r.referrer_bonus_credits),
  referredBonusCredits: BigInt(r.referred_bonus_credits),
  referralBlockSameDomain: r.referral_block_same_domain,
  updatedAt: r.updated_at,
});

function bonus(value: bigint | null | undefined, field: string): void {
  if (value != null && (value < 0n || value > MAX_AMOUNT_MICRO)) throw new BadUserInputError(`${field} must be 0 to 1000000 credits`, field);
}

/** Reads and changes the settings row (created by its migration with the defaults). */
export class PromotionSettingsStore {
  constructor(private readonly sql: Sql) {}

  /** The settings, read in the caller's transaction when given (a gift checks them where it moves credit). */
  async get(tx: Sql = this.sql): Promise<PromotionSettings> {
    const rows = await tx.query(`select ${COLUMNS} from promotion_settings where id = 1`);
    return toSettings(rows[0]!);
  }

  /** Changes the fields given (the others stay); a bonus is 0 to 1,000,000 credits. */
  async update(patch: PromotionSettingsPatch): Promise<PromotionSettings> {
    bonus(patch.referrerBonusCredits, 'referrerBonusCredits');
    bonus(patch.referredBonusCredits, 'referredBonusCredits');
    const rows = await this.sql.query(
      `update promotion_settings set
         gift_paid_credits_only = coalesce($1, gift_paid_credits_only),
         referrer_bonus_credits = coalesce($2, referrer_bonus_credits),
         referred_bonus_credits = coalesce($3, referred_bonus_credits),
         referral_block_same_domain = coalesce($4, referral_block_same_domain),
         updated_at = now()
       where id = 1 returning ${COLUMNS}`,
      [patch.giftPaidCreditsOnly ?? null, patch.referrerBonusCredits ?? null, patch.referredBonusCredits ?? null, patch.referralBlockSameDomain ?? null],
    );
    return toSettings(rows[0]!);
  }
}

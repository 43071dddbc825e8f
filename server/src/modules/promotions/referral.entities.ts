import { Entity, OptionalProps, PrimaryKey, Property } from '@mikro-orm/core';

/*
 * Referrals (migrations 15 and 18): each user's code, one referral per referred user, and the
 * admin's promotion rules (one row). Read and written with named SQL inside the paying transaction
 * (referral.store.ts, promotion-settings.store.ts); bonuses are bigint micro-credits.
 */

/** A user's referral code, with the addresses the user was last seen from (same-network referrals are flagged). */
@Entity({ tableName: 'referral_code' })
export class ReferralCode {
  [OptionalProps]?: 'signupIp' | 'lastIp' | 'createdAt';

  /** app_user.id */
  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'text', unique: true })
  code!: string;

  @Property({ type: 'text', nullable: true })
  signupIp?: string | null;

  @Property({ type: 'text', nullable: true })
  lastIp?: string | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}

/** One referral per referred user: pending until the first payment, then rewarded or refused. */
@Entity({ tableName: 'referral' })
export class Referral {
  [OptionalProps]?: 'id' | 'refusedReason' | 'flags' | 'referredIp' | 'referrerBonus' | 'referredBonus' | 'rewardReference' | 'createdAt' | 'rewardedAt';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** app_user.id */
  @Property({ type: 'uuid' })
  referrerId!: string;

  /** app_user.id: unique, a user is referred once. */
  @Property({ type: 'uuid', unique: true })
  referredId!: string;

  @Property({ type: 'text' })
  code!: string;

  /** pending | rewarded | refused */
  @Property({ type: 'text' })
  status!: string;

  @Property({ type: 'text', nullable: true })
  refusedReason?: string | null;

  @Property({ type: 'text[]' })
  flags: string[] = [];

  @Property({ type: 'text', nullable: true })
  referredIp?: string | null;

  @Property({ type: 'bigint' })
  referrerBonus: bigint = 0n;

  @Property({ type: 'bigint' })
  referredBonus: bigint = 0n;

  @Property({ type: 'text', nullable: true })
  rewardReference?: string | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  rewardedAt?: Date | null;
}

/** The admin's promotion rules: exactly one row (id 1). */
@Entity({ tableName: 'promotion_settings' })
export class PromotionSettings {
  [OptionalProps]?: 'id' | 'giftPaidCreditsOnly' | 'referrerBonusCredits' | 'referredBonusCredits' | 'referralBlockSameDomain' | 'updatedAt';

  @PrimaryKey({ type: 'integer', autoincrement: false })
  id: number = 1;

  @Property({ type: 'boolean' })
  giftPaidCreditsOnly: boolean = false;

  @Property({ type: 'bigint' })
  referrerBonusCredits: bigint = 5_000_000n;

  @Property({ type: 'bigint' })
  referredBonusCredits: bigint = 5_000_000n;

  @Property({ type: 'boolean' })
  referralBlockSameDomain: boolean = false;

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}

/** The referrals work's MikroORM entities (issue 11); entities.ts lists them. */
export const referralsEntities: Function[] = [ReferralCode, Referral, PromotionSettings];

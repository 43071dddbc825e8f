import { Entity, OptionalProps, PrimaryKey, PrimaryKeyProp, Property } from '@mikro-orm/core';

/*
 * Coupons (migration 16): the coupon, each user's count of redemptions, and each redemption.
 * Redeemed inside the paying transaction with named SQL (coupon.store.ts); credits are bigint
 * micro-credits, discounts integer cents.
 */

/** A code an admin issued: credits, a percent or amount off, or a free month of a tier. */
@Entity({ tableName: 'coupon' })
export class Coupon {
  [OptionalProps]?:
    | 'credits'
    | 'creditsExpireDays'
    | 'percentOff'
    | 'amountOffCents'
    | 'tierCode'
    | 'maxRedemptions'
    | 'redemptions'
    | 'perUserLimit'
    | 'startsAt'
    | 'expiresAt'
    | 'appliesTo'
    | 'firstPurchaseOnly'
    | 'active'
    | 'campaign'
    | 'note'
    | 'createdBy'
    | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** Upper case, 3 to 64 characters; unique. */
  @Property({ type: 'text', unique: true })
  code!: string;

  /** credits | percent_off | amount_off | free_month */
  @Property({ type: 'text' })
  kind!: string;

  @Property({ type: 'bigint', nullable: true })
  credits?: bigint | null;

  @Property({ type: 'integer', nullable: true })
  creditsExpireDays?: number | null;

  @Property({ type: 'integer', nullable: true })
  percentOff?: number | null;

  @Property({ type: 'integer', nullable: true })
  amountOffCents?: number | null;

  @Property({ type: 'text', nullable: true })
  tierCode?: string | null;

  @Property({ type: 'integer', nullable: true })
  maxRedemptions?: number | null;

  @Property({ type: 'integer' })
  redemptions: number = 0;

  @Property({ type: 'integer' })
  perUserLimit: number = 1;

  @Property({ type: 'timestamptz', nullable: true })
  startsAt?: Date | null;

  @Property({ type: 'timestamptz', nullable: true })
  expiresAt?: Date | null;

  /** Package or tier codes it applies to; empty: any. */
  @Property({ type: 'text[]' })
  appliesTo: string[] = [];

  @Property({ type: 'boolean' })
  firstPurchaseOnly: boolean = false;

  @Property({ type: 'boolean' })
  active: boolean = true;

  @Property({ type: 'text', nullable: true })
  campaign?: string | null;

  @Property({ type: 'text', nullable: true })
  note?: string | null;

  /** app_user.id of the admin who issued it. */
  @Property({ type: 'uuid', nullable: true })
  createdBy?: string | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}

/** How many times one user redeemed one coupon (the per-user limit rests on it). */
@Entity({ tableName: 'coupon_user' })
export class CouponUser {
  [PrimaryKeyProp]?: ['couponId', 'userId'];

  /** coupon.id */
  @PrimaryKey({ type: 'uuid' })
  couponId!: string;

  /** app_user.id */
  @PrimaryKey({ type: 'uuid' })
  userId!: string;

  @Property({ type: 'integer' })
  redemptions!: number;
}

/** One redemption: pending while its checkout is open, then redeemed or released. */
@Entity({ tableName: 'coupon_redemption' })
export class CouponRedemption {
  [OptionalProps]?: 'seq' | 'credits' | 'amountCents' | 'discountCents' | 'targetCode' | 'reference' | 'ledgerEntryId' | 'createdAt' | 'closedAt';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** Insertion order (generated always as identity): the cursor. Assigned by the database. */
  @Property({ type: 'bigint', generated: 'identity', unique: true })
  seq!: bigint;

  /** coupon.id */
  @Property({ type: 'uuid' })
  couponId!: string;

  /** app_user.id */
  @Property({ type: 'uuid' })
  userId!: string;

  /** pending | redeemed | released */
  @Property({ type: 'text' })
  status!: string;

  @Property({ type: 'bigint' })
  credits: bigint = 0n;

  @Property({ type: 'integer', nullable: true })
  amountCents?: number | null;

  @Property({ type: 'integer', nullable: true })
  discountCents?: number | null;

  @Property({ type: 'text', nullable: true })
  targetCode?: string | null;

  @Property({ type: 'text', nullable: true, unique: true })
  reference?: string | null;

  /** ledger_entry.id of the grant, for a credits coupon. */
  @Property({ type: 'uuid', nullable: true })
  ledgerEntryId?: string | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz', nullable: true })
  closedAt?: Date | null;
}

/** The coupons work's MikroORM entities (issue 11); entities.ts lists them. */
export const couponsEntities: Function[] = [Coupon, CouponUser, CouponRedemption];

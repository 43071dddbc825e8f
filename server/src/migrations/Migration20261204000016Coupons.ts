import { Migration } from '@mikro-orm/migrations';

/**
 * Coupons (docs/decisions/0022-coupons.md). `coupon.redemptions` and `coupon_user.redemptions` are
 * the counters every redemption passes through in one guarded statement each; the checks make the
 * database itself refuse a count past a limit, whatever code runs. `coupon_redemption` is the record
 * of each redemption (a discount one PENDING from checkout open until paid, RELEASED if it never is).
 */
export class Migration20261204000016Coupons extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table "coupon" (
        "id" uuid primary key,
        "code" text not null unique check ("code" = upper("code") and length("code") between 3 and 64),
        "kind" text not null check ("kind" in ('credits', 'percent_off', 'amount_off', 'free_month')),
        "credits" bigint check ("credits" > 0),
        "credits_expire_days" integer check ("credits_expire_days" between 1 and 3650),
        "percent_off" integer check ("percent_off" between 1 and 100),
        "amount_off_cents" integer check ("amount_off_cents" > 0),
        "tier_code" text,
        "max_redemptions" integer check ("max_redemptions" > 0),
        "redemptions" integer not null default 0 check ("redemptions" >= 0 and ("max_redemptions" is null or "redemptions" <= "max_redemptions")),
        "per_user_limit" integer not null default 1 check ("per_user_limit" > 0),
        "starts_at" timestamptz,
        "expires_at" timestamptz,
        "applies_to" text[] not null default '{}',
        "first_purchase_only" boolean not null default false,
        "active" boolean not null default true,
        "campaign" text,
        "note" text,
        "created_by" uuid references "app_user" ("id") on delete set null,
        "created_at" timestamptz not null default now()
      );`);
    this.addSql(`create index "coupon_campaign_idx" on "coupon" ("campaign") where "campaign" is not null;`);
    this.addSql(`
      create table "coupon_user" (
        "coupon_id" uuid not null references "coupon" ("id") on delete cascade,
        "user_id" uuid not null references "app_user" ("id") on delete cascade,
        "redemptions" integer not null check ("redemptions" >= 0),
        primary key ("coupon_id", "user_id")
      );`);
    this.addSql(`
      create table "coupon_redemption" (
        "id" uuid primary key,
        "seq" bigint generated always as identity unique,
        "coupon_id" uuid not null references "coupon" ("id") on delete cascade,
        "user_id" uuid not null references "app_user" ("id") on delete cascade,
        "status" text not null check ("status" in ('pending', 'redeemed', 'released')),
        "credits" bigint not null default 0 check ("credits" >= 0),
        "amount_cents" integer check ("amount_cents" >= 0),
        "discount_cents" integer check ("discount_cents" >= 0),
        "target_code" text,
        "reference" text unique,
        "ledger_entry_id" uuid,
        "created_at" timestamptz not null default now(),
        "closed_at" timestamptz
      );`);
    this.addSql(`create index "coupon_redemption_coupon_idx" on "coupon_redemption" ("coupon_id", "seq");`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "coupon_redemption";');
    this.addSql('drop table if exists "coupon_user";');
    this.addSql('drop table if exists "coupon";');
  }
}

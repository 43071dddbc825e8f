import { Migration } from '@mikro-orm/migrations';

export class Migration20261204000015PromotionSettings extends Migration {
  override async up(): Promise<void> {
    // One row of the admin's promotion rules. Defaults: any credit may be gifted; a referral earns
    // both sides 5 credits; colleagues on one e-mail domain may refer each other.
    this.addSql(`
      create table "promotion_settings" (
        "id" integer primary key default 1 check ("id" = 1),
        "gift_paid_credits_only" boolean not null default false,
        "referrer_bonus_credits" bigint not null default 5000000 check ("referrer_bonus_credits" >= 0),
        "referred_bonus_credits" bigint not null default 5000000 check ("referred_bonus_credits" >= 0),
        "referral_block_same_domain" boolean not null default false,
        "updated_at" timestamptz not null default now()
      );`);
    this.addSql(`insert into "promotion_settings" ("id") values (1);`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "promotion_settings";');
  }
}

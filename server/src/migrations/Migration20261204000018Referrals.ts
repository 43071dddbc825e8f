import { Migration } from '@mikro-orm/migrations';

export class Migration20261204000018Referrals extends Migration {
  override async up(): Promise<void> {
    // Each user's referral code, made at sign-up or on first read; with the addresses the user was
    // last seen from, so a referral from the same network can be flagged (docs/decisions/0024-referrals.md).
    this.addSql(`
      create table "referral_code" (
        "user_id" uuid primary key references "app_user" ("id") on delete cascade,
        "code" text not null unique check ("code" ~ '^[A-Z0-9]{4,32}$'),
        "signup_ip" text null,
        "last_ip" text null,
        "created_at" timestamptz not null default now()
      );`);
    // One referral per referred user (the unique key is what "once per referred user" rests on).
    this.addSql(`
      create table "referral" (
        "id" uuid primary key default gen_random_uuid(),
        "referrer_id" uuid not null references "app_user" ("id") on delete cascade,
        "referred_id" uuid not null unique references "app_user" ("id") on delete cascade,
        "code" text not null,
        "status" text not null check ("status" in ('pending', 'rewarded', 'refused')),
        "refused_reason" text null,
        "flags" text[] not null default '{}',
        "referred_ip" text null,
        "referrer_bonus" bigint not null default 0 check ("referrer_bonus" >= 0),
        "referred_bonus" bigint not null default 0 check ("referred_bonus" >= 0),
        "reward_reference" text null,
        "created_at" timestamptz not null default now(),
        "rewarded_at" timestamptz null,
        check ("referrer_id" <> "referred_id")
      );`);
    this.addSql(`create index "referral_referrer_idx" on "referral" ("referrer_id", "status");`);
    this.addSql(`create index "referral_created_idx" on "referral" ("created_at" desc);`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "referral";');
    this.addSql('drop table if exists "referral_code";');
  }
}

import { Migration } from '@mikro-orm/migrations';

/**
 * Auto-recharge (docs/decisions/0019-auto-recharge.md): one settings row per user, and payments of
 * kind `auto_recharge`. `armed` and `crossing` make "one charge per crossing" a single guarded
 * UPDATE: whoever flips `armed` from true to false owns crossing `crossing + 1`, and its payment's
 * idempotency key names that crossing.
 */
export class Migration20261204000013AutoRecharge extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table "auto_recharge" (
        "user_id" uuid primary key references "app_user" ("id") on delete cascade,
        "enabled" boolean not null,
        "below_credits" bigint not null check ("below_credits" > 0),
        "package_code" text not null,
        "monthly_limit_cents" integer not null check ("monthly_limit_cents" > 0),
        "armed" boolean not null default true,
        "crossing" integer not null default 0,
        "last_charge_at" timestamptz null,
        "last_error" text null,
        "disabled_reason" text null,
        "created_at" timestamptz not null default now(),
        "updated_at" timestamptz not null default now()
      );`);
    this.addSql(`alter table "payment" drop constraint if exists "payment_kind_check";`);
    this.addSql(`alter table "payment" add constraint "payment_kind_check" check ("kind" in ('package', 'subscription', 'auto_recharge'));`);
    // An auto-recharge payment is found by its PaymentIntent (webhooks, refunds): one row per intent.
    this.addSql(`create unique index "payment_auto_recharge_intent_unique" on "payment" ("stripe_payment_intent_id") where "kind" = 'auto_recharge';`);
    // The monthly cap sums this month's auto-recharge payments of a user.
    this.addSql(`create index "payment_auto_recharge_month_index" on "payment" ("user_id", "created_at") where "kind" = 'auto_recharge';`);
  }

  override async down(): Promise<void> {
    this.addSql('drop index if exists "payment_auto_recharge_month_index";');
    this.addSql('drop index if exists "payment_auto_recharge_intent_unique";');
    this.addSql(`delete from "payment" where "kind" = 'auto_recharge';`);
    this.addSql(`alter table "payment" drop constraint if exists "payment_kind_check";`);
    this.addSql(`alter table "payment" add constraint "payment_kind_check" check ("kind" in ('package', 'subscription'));`);
    this.addSql('drop table if exists "auto_recharge";');
  }
}

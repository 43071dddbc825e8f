import { Migration } from '@mikro-orm/migrations';

/**
 * Refunds, disputes, debt and fees (docs/decisions/0018-refunds-disputes-debt.md).
 * The payment learns what Stripe later says about its charge; `billing_debt` records credits a
 * refund or dispute could not take back because they were already spent.
 */
export class Migration20261204000012Refunds extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "payment" drop constraint if exists "payment_status_check";`);
    this.addSql(`alter table "payment" add constraint "payment_status_check"
      check ("status" in ('pending', 'paid', 'failed', 'canceled', 'refunded', 'disputed'));`);
    // `credits_clawed_back` is how much of `credits_granted` refunds and disputes have claimed so far
    // (taken from the balance or recorded as debt): each new claim takes only the difference to its
    // target, so a repeated, late or overlapping refund/dispute never claims the same credit twice.
    this.addSql(`
      alter table "payment"
        add column "amount_refunded_cents" integer not null default 0 check ("amount_refunded_cents" >= 0),
        add column "credits_clawed_back" bigint not null default 0 check ("credits_clawed_back" >= 0),
        add column "stripe_charge_id" text null,
        add column "stripe_balance_transaction_id" text null,
        add column "disputed_at" timestamptz null,
        add column "refunded_at" timestamptz null;`);
    this.addSql(`create index "payment_payment_intent_index" on "payment" ("stripe_payment_intent_id") where "stripe_payment_intent_id" is not null;`);
    this.addSql(`create index "payment_charge_index" on "payment" ("stripe_charge_id") where "stripe_charge_id" is not null;`);
    // One row per cause (a refund amount of a charge, a dispute): the unique cause makes recording it idempotent.
    this.addSql(`
      create table "billing_debt" (
        "id" uuid primary key,
        "user_id" uuid not null references "app_user" ("id") on delete cascade,
        "payment_id" uuid null references "payment" ("id") on delete set null,
        "cause" text not null unique,
        "credits" bigint not null check ("credits" > 0),
        "settled_credits" bigint not null default 0,
        "created_at" timestamptz not null default now(),
        "updated_at" timestamptz not null default now(),
        "settled_at" timestamptz null,
        constraint "billing_debt_settled_within" check ("settled_credits" >= 0 and "settled_credits" <= "credits")
      );`);
    this.addSql(`create index "billing_debt_open_index" on "billing_debt" ("user_id", "created_at") where "settled_credits" < "credits";`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "billing_debt";');
    this.addSql(`drop index if exists "payment_payment_intent_index";`);
    this.addSql(`drop index if exists "payment_charge_index";`);
    this.addSql(`alter table "payment" drop column if exists "amount_refunded_cents", drop column if exists "credits_clawed_back",
      drop column if exists "stripe_charge_id", drop column if exists "stripe_balance_transaction_id",
      drop column if exists "disputed_at", drop column if exists "refunded_at";`);
  }
}

import { Migration } from '@mikro-orm/migrations';

/**
 * Subscriptions (docs/decisions/0017-subscriptions.md). A row per Stripe subscription (or test-mode
 * subscription); the user's tier follows the live one. `state_version` is when the stored state was
 * read from Stripe (or written locally in test mode): an older read never overwrites a newer one.
 */
export class Migration20261204000011Subscriptions extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table "subscription" (
        "id" uuid primary key,
        "user_id" uuid not null references "app_user" ("id") on delete cascade,
        "tier_code" text not null,
        "status" text not null check ("status" in ('active', 'past_due', 'canceled', 'incomplete', 'trialing')),
        "current_period_start" timestamptz null,
        "current_period_end" timestamptz null,
        "cancel_at_period_end" boolean not null default false,
        "pending_tier_code" text null,
        "stripe_subscription_id" text not null unique,
        "stripe_customer_id" text null,
        "checkout_session_id" text null unique,
        "checkout_status" text not null default 'open' check ("checkout_status" in ('open', 'complete', 'failed', 'canceled')),
        "state_version" timestamptz not null,
        "test_mode" boolean not null,
        "created_at" timestamptz not null default now(),
        "updated_at" timestamptz not null default now()
      );`);
    this.addSql(`create index "subscription_user_index" on "subscription" ("user_id", "created_at" desc);`);
    // Test-mode renewal looks for live test subscriptions whose period has ended.
    this.addSql(
      `create index "subscription_test_due_index" on "subscription" ("current_period_end") where "test_mode" and "status" in ('active', 'past_due', 'trialing');`,
    );
    // One payment row per subscription invoice: the unique invoice id makes recording it idempotent.
    this.addSql(`
      alter table "payment"
        add column "stripe_invoice_id" text null unique,
        add column "stripe_subscription_id" text null,
        add column "tier_code" text null;`);
  }

  override async down(): Promise<void> {
    this.addSql(
      `alter table "payment" drop column if exists "stripe_invoice_id", drop column if exists "stripe_subscription_id", drop column if exists "tier_code";`,
    );
    this.addSql('drop table if exists "subscription";');
  }
}

import { Migration } from '@mikro-orm/migrations';

/**
 * The admin analytics' daily close (docs/analytics.md, "The daily close"; docs/decisions/0026):
 * one row per ended UTC day with its credit flows and its end-of-day position, written once
 * (`insert … on conflict do nothing`, so two replicas closing the same day keep one row). A day is
 * closed from the previous row and that day's own ledger rows, so the summary never scans the ledger.
 *
 * The indexes serve those reads: one day of ledger entries and grants (by `created_at`), today's
 * expiry and clawback entries, the draws of a grant older than every close
 * (`ledger_entry_grant.grant_id`), and the payments of a range by the instant each figure counts on
 * (paid, refunded, disputed).
 */
export class Migration20261205000021DailyClose extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table "analytics_daily_close" (
        "day" date primary key,
        "credits_sold" bigint not null,
        "credits_granted" bigint not null,
        "credits_expired" bigint not null,
        "credits_clawed_back" bigint not null,
        "outstanding_paid" bigint not null,
        "outstanding_promotional" bigint not null,
        "liability_nano" bigint not null,
        "mrr_cents" bigint not null,
        "active_subscriptions" int not null,
        "subscriptions" jsonb not null default '[]',
        "test_mode" boolean not null,
        "closed_at" timestamptz not null default now()
      );`);
    // Each grant's remainder at the end of the last closed day that touched it: the next day starts from it.
    this.addSql(`
      create table "analytics_close_grant" (
        "grant_id" uuid primary key references "credit_grant" ("id") on delete cascade,
        "day" date not null,
        "remaining" bigint not null
      );`);
    this.addSql(`create index "ledger_entry_created_index" on "ledger_entry" ("created_at");`);
    this.addSql(`create index "ledger_entry_taken_created_index" on "ledger_entry" ("created_at") where "type" in ('expiry', 'clawback');`);
    this.addSql(`create index "credit_grant_created_index" on "credit_grant" ("created_at");`);
    this.addSql(`create index "ledger_entry_grant_grant_index" on "ledger_entry_grant" ("grant_id");`);
    this.addSql(`create index "payment_paid_at_index" on "payment" ("paid_at") where "paid_at" is not null;`);
    this.addSql(`create index "payment_refunded_at_index" on "payment" ("refunded_at") where "refunded_at" is not null;`);
    this.addSql(`create index "payment_disputed_at_index" on "payment" ("disputed_at") where "disputed_at" is not null;`);
  }

  override async down(): Promise<void> {
    for (const index of [
      'payment_disputed_at_index',
      'payment_refunded_at_index',
      'payment_paid_at_index',
      'ledger_entry_grant_grant_index',
      'credit_grant_created_index',
      'ledger_entry_taken_created_index',
      'ledger_entry_created_index',
    ]) {
      this.addSql(`drop index if exists "${index}";`);
    }
    this.addSql(`drop table if exists "analytics_close_grant";`);
    this.addSql(`drop table if exists "analytics_daily_close";`);
  }
}

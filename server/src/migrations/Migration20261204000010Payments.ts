import { Migration } from '@mikro-orm/migrations';

export class Migration20261204000010Payments extends Migration {
  override async up(): Promise<void> {
    // One Stripe customer per user. Creation is `insert … on conflict do nothing` then a re-read, and
    // the Stripe create carries an idempotency key from the user id, so racing requests end on one row.
    this.addSql(`
      create table "billing_customer" (
        "user_id" uuid primary key references "app_user" ("id") on delete cascade,
        "stripe_customer_id" text not null unique,
        "created_at" timestamptz not null default now()
      );`);
    // A payment: what was asked for (amount in cents, credits in micro-credits) and what came of it.
    // `checkout_session_id` is the Stripe object that pays for it (or a test checkout's id): unique,
    // so a session is fulfilled through one row, locked while it is.
    this.addSql(`
      create table "payment" (
        "id" uuid primary key,
        "seq" bigint generated always as identity unique,
        "user_id" uuid not null references "app_user" ("id") on delete cascade,
        "kind" text not null check ("kind" in ('package', 'subscription')),
        "status" text not null check ("status" in ('pending', 'paid', 'failed', 'canceled')),
        "package_code" text null,
        "amount_cents" integer not null check ("amount_cents" >= 0),
        "currency" text not null,
        "fee_cents" integer null,
        "credits" bigint not null check ("credits" >= 0),
        "bonus_credits" bigint not null check ("bonus_credits" >= 0),
        "credits_granted" bigint not null default 0,
        "test_mode" boolean not null,
        "checkout_session_id" text null unique,
        "checkout_url" text null,
        "stripe_payment_intent_id" text null,
        "stripe_customer_id" text null,
        "receipt_url" text null,
        "idempotency_key" text null,
        "created_at" timestamptz not null default now(),
        "updated_at" timestamptz not null default now(),
        "paid_at" timestamptz null,
        unique ("user_id", "idempotency_key")
      );`);
    // The user's payment history, newest first, paged by `seq`.
    this.addSql(`create index "payment_user_seq_index" on "payment" ("user_id", "seq" desc);`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "payment";');
    this.addSql('drop table if exists "billing_customer";');
  }
}

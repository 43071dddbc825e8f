import { Migration } from '@mikro-orm/migrations';

export class Migration20261121000002Ledger extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table "credit_account" (
        "id" uuid primary key,
        "user_id" uuid not null unique references "app_user" ("id") on delete cascade,
        "balance" bigint not null default 0,
        "held" bigint not null default 0,
        "low_balance_threshold" bigint not null default 5000000,
        "low_balance_alerted" boolean not null default false,
        "created_at" timestamptz not null default now(),
        "updated_at" timestamptz not null default now(),
        constraint "credit_account_balance_non_negative" check ("balance" >= 0),
        constraint "credit_account_held_within_balance" check ("held" >= 0 and "held" <= "balance"),
        constraint "credit_account_threshold_non_negative" check ("low_balance_threshold" >= 0)
      );`);
    this.addSql(`
      create table "ledger_entry" (
        "id" uuid primary key,
        "seq" bigserial not null unique,
        "account_id" uuid not null references "credit_account" ("id") on delete cascade,
        "type" text not null,
        "amount" bigint not null,
        "balance_after" bigint not null,
        "actor_type" text not null,
        "actor_id" uuid null,
        "reference" text null,
        "description" text not null,
        "idempotency_key" text null,
        "request_hash" text null,
        "created_at" timestamptz not null,
        constraint "ledger_entry_amount_non_zero" check ("amount" <> 0),
        constraint "ledger_entry_balance_after_non_negative" check ("balance_after" >= 0),
        constraint "ledger_entry_idempotency_unique" unique ("account_id", "idempotency_key")
      );`);
    this.addSql(`create index "ledger_entry_account_seq_index" on "ledger_entry" ("account_id", "seq" desc);`);
    this.addSql(`
      create table "credit_grant" (
        "id" uuid primary key,
        "account_id" uuid not null references "credit_account" ("id") on delete cascade,
        "entry_id" uuid not null references "ledger_entry" ("id"),
        "source" text not null,
        "amount" bigint not null,
        "remaining" bigint not null,
        "priority" int not null,
        "expires_at" timestamptz null,
        "reference" text null,
        "refund_of_entry_id" uuid null references "ledger_entry" ("id"),
        "created_at" timestamptz not null,
        constraint "credit_grant_amount_positive" check ("amount" > 0),
        constraint "credit_grant_remaining_within_amount" check ("remaining" >= 0 and "remaining" <= "amount")
      );`);
    this.addSql(
      `create index "credit_grant_burn_order_index" on "credit_grant" ("account_id", "priority", "expires_at", "created_at", "id") where "remaining" > 0;`,
    );
    this.addSql(`create index "credit_grant_due_index" on "credit_grant" ("expires_at") where "remaining" > 0 and "expires_at" is not null;`);
    this.addSql(`create index "credit_grant_refund_of_index" on "credit_grant" ("refund_of_entry_id") where "refund_of_entry_id" is not null;`);
    this.addSql(`
      create table "ledger_entry_grant" (
        "entry_id" uuid not null references "ledger_entry" ("id") on delete cascade,
        "grant_id" uuid not null references "credit_grant" ("id") on delete cascade,
        "amount" bigint not null,
        primary key ("entry_id", "grant_id"),
        constraint "ledger_entry_grant_amount_positive" check ("amount" > 0)
      );`);
    this.addSql(`
      create table "credit_hold" (
        "id" uuid primary key,
        "account_id" uuid not null references "credit_account" ("id") on delete cascade,
        "amount" bigint not null,
        "status" text not null default 'active',
        "reference" text null,
        "idempotency_key" text null,
        "request_hash" text null,
        "expires_at" timestamptz not null,
        "settled_amount" bigint null,
        "entry_id" uuid null references "ledger_entry" ("id"),
        "created_at" timestamptz not null,
        "closed_at" timestamptz null,
        constraint "credit_hold_amount_positive" check ("amount" > 0),
        constraint "credit_hold_status" check ("status" in ('active', 'settled', 'released', 'expired')),
        constraint "credit_hold_idempotency_unique" unique ("account_id", "idempotency_key")
      );`);
    this.addSql(`create index "credit_hold_due_index" on "credit_hold" ("expires_at") where "status" = 'active';`);
    this.addSql(`
      create table "low_balance_alert" (
        "id" uuid primary key,
        "account_id" uuid not null references "credit_account" ("id") on delete cascade,
        "balance" bigint not null,
        "threshold" bigint not null,
        "created_at" timestamptz not null
      );`);
    this.addSql(`create index "low_balance_alert_account_index" on "low_balance_alert" ("account_id", "created_at" desc);`);
  }

  override async down(): Promise<void> {
    for (const table of ['low_balance_alert', 'credit_hold', 'ledger_entry_grant', 'credit_grant', 'ledger_entry', 'credit_account']) {
      this.addSql(`drop table if exists "${table}" cascade;`);
    }
  }
}

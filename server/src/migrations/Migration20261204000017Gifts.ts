import { Migration } from '@mikro-orm/migrations';

/**
 * Gift credits (issue 11, docs/decisions/0023-gifts.md): one row per gift. The row is the gift's
 * idempotency record (unique per sender and key) and the lock a claim and a return race for.
 * Only the SHA-256 of the claim token is stored; the raw token lives only in the sender's link.
 */
export class Migration20261204000017Gifts extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table "gift" (
        "id" uuid primary key,
        "sender_id" uuid not null references "app_user" ("id") on delete cascade,
        "recipient_email" text not null check ("recipient_email" = lower("recipient_email")),
        "recipient_id" uuid null references "app_user" ("id") on delete set null,
        "credits" bigint not null check ("credits" > 0),
        "message" text null check (char_length("message") <= 500),
        "status" text not null default 'pending' check ("status" in ('pending', 'claimed', 'returned')),
        "claim_token_hash" text null unique,
        "idempotency_key" text not null,
        "created_at" timestamptz not null,
        "claimed_at" timestamptz null,
        "returned_at" timestamptz null,
        "expires_at" timestamptz not null,
        unique ("sender_id", "idempotency_key")
      );`);
    this.addSql(`create index "gift_sender_idx" on "gift" ("sender_id", "created_at" desc);`);
    this.addSql(`create index "gift_recipient_idx" on "gift" ("recipient_id", "created_at" desc);`);
    this.addSql(`create index "gift_recipient_email_idx" on "gift" ("recipient_email") where "status" = 'pending';`);
    // The return sweep's scan: pending gifts by deadline.
    this.addSql(`create index "gift_pending_expiry_idx" on "gift" ("expires_at") where "status" = 'pending';`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "gift";');
  }
}

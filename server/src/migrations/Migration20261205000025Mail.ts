import { Migration } from '@mikro-orm/migrations';

/**
 * Mail (issue 14, docs/decisions/0049-mail.md): every mail Tollgate sends or decides not to send is
 * a row of mail_outbox (delivered over SMTP, kept only here when SMTP_URL is unset, failed, or
 * suppressed by an opt-out), and notification_preference holds each user's opt-outs.
 */
export class Migration20261205000025Mail extends Migration {
  override async up(): Promise<void> {
    // Append-only, newest first by seq (the admin's cursor). user_id has no foreign key: the record of
    // what was sent outlives the account, as the admin audit does. `text` holds the links (reset, claim).
    this.addSql(`
      create table "mail_outbox" (
        "id" uuid primary key default gen_random_uuid(),
        "seq" bigserial not null unique,
        "user_id" uuid null,
        "kind" text not null,
        "to_address" text not null,
        "subject" text not null,
        "text" text not null,
        "status" text not null check ("status" in ('sent', 'failed', 'suppressed')),
        "transport" text not null check ("transport" in ('smtp', 'outbox')),
        "error" text null,
        "created_at" timestamptz not null default now()
      );`);
    this.addSql(`create index "mail_outbox_to_idx" on "mail_outbox" (lower("to_address"), "seq");`);
    this.addSql(`create index "mail_outbox_user_idx" on "mail_outbox" ("user_id", "seq");`);
    // A row only where the user chose; no row means the kind's default (on).
    this.addSql(`
      create table "notification_preference" (
        "user_id" uuid not null references "app_user" ("id") on delete cascade,
        "kind" text not null,
        "enabled" boolean not null,
        "updated_at" timestamptz not null default now(),
        primary key ("user_id", "kind")
      );`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "notification_preference";`);
    this.addSql(`drop table if exists "mail_outbox";`);
  }
}

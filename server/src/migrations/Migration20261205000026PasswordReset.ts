import { Migration } from '@mikro-orm/migrations';

/**
 * Password change and reset (issue 14, docs/decisions/0050-password-flows.md).
 *
 * app_user.session_epoch: sessions are stateless JWTs that carry the epoch they were issued at; a
 * password change or reset adds one, and the authenticator refuses a token from an older epoch
 * (through the principal cache's per-user version, on every replica from the next request).
 *
 * password_reset: at most one live reset link per user (a new request replaces the old one). Only
 * the SHA-256 of the link's token is stored; using the link deletes the row, so it works once.
 */
export class Migration20261205000026PasswordReset extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "app_user" add column "session_epoch" integer not null default 0;`);
    this.addSql(`
      create table "password_reset" (
        "id" uuid primary key default gen_random_uuid(),
        "user_id" uuid not null unique references "app_user" ("id") on delete cascade,
        "token_hash" text not null unique,
        "expires_at" timestamptz not null,
        "created_at" timestamptz not null default now()
      );`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "password_reset";`);
    this.addSql(`alter table "app_user" drop column if exists "session_epoch";`);
  }
}

import { Migration } from '@mikro-orm/migrations';

/**
 * Each user's OpenRouter key, created through OpenRouter's key-management API the first time the
 * user's OpenRouter call needs it (docs/decisions/0053-openrouter-automation.md). One row per user:
 * the primary key is what makes the key exist once, whatever the number of replicas. The key itself
 * is AES-256-GCM sealed under the keyring key `key_id`, exactly like a BYOK key; `key_hash` is
 * OpenRouter's id for it (what the management API is called with). Money is integers: the spending
 * limit in cents, the usage OpenRouter last reported in nano-dollars.
 */
export class Migration20261205000027OpenRouterKeys extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table "openrouter_key" (
        "user_id" uuid primary key references "app_user" ("id") on delete cascade,
        "key_hash" text not null unique,
        "label" text not null,
        "key_id" text not null,
        "iv" bytea not null,
        "ciphertext" bytea not null,
        "tag" bytea not null,
        "limit_cents" bigint not null check ("limit_cents" >= 0),
        "disabled" boolean not null default false,
        "usage_nano" bigint not null default 0 check ("usage_nano" >= 0),
        "synced_at" timestamptz null,
        "created_at" timestamptz not null default now(),
        "updated_at" timestamptz not null default now()
      );`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "openrouter_key" cascade;');
  }
}

import { Migration } from '@mikro-orm/migrations';

export class Migration20261121000001Auth extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table "app_user" (
        "id" uuid primary key,
        "email" text not null,
        "password_hash" text not null,
        "role" text not null default 'user' check ("role" in ('user', 'admin')),
        "tier_code" text not null default 'free',
        "created_at" timestamptz not null default now(),
        "updated_at" timestamptz not null default now(),
        constraint "app_user_email_unique" unique ("email")
      );`);
    this.addSql(`
      create table "api_key" (
        "id" uuid primary key,
        "user_id" uuid not null references "app_user" ("id") on delete cascade,
        "name" text not null,
        "prefix" text not null,
        "secret_hash" text not null,
        "scopes" text[] not null,
        "created_at" timestamptz not null default now(),
        "last_used_at" timestamptz null,
        "revoked_at" timestamptz null,
        constraint "api_key_prefix_unique" unique ("prefix"),
        constraint "api_key_secret_hash_unique" unique ("secret_hash")
      );`);
    this.addSql(`create index "api_key_user_id_created_at_index" on "api_key" ("user_id", "created_at");`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "api_key";');
    this.addSql('drop table if exists "app_user";');
  }
}

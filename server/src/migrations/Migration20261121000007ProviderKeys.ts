import { Migration } from '@mikro-orm/migrations';

export class Migration20261121000007ProviderKeys extends Migration {
  override async up(): Promise<void> {
    // A user's own provider key, AES-256-GCM sealed (docs/decisions/0008): never the key itself.
    this.addSql(`
      create table "provider_key" (
        "id" uuid primary key,
        "user_id" uuid not null references "app_user" ("id") on delete cascade,
        "provider" text not null check ("provider" in ('openai', 'anthropic', 'google', 'openrouter')),
        "key_id" text not null,
        "iv" bytea not null,
        "ciphertext" bytea not null,
        "tag" bytea not null,
        "last4" text not null,
        "created_at" timestamptz not null default now(),
        "last_used_at" timestamptz null,
        constraint "provider_key_user_provider_unique" unique ("user_id", "provider")
      );`);
    // Rotation finds the rows still sealed under an old key.
    this.addSql(`create index "provider_key_key_id_index" on "provider_key" ("key_id");`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "provider_key";');
  }
}

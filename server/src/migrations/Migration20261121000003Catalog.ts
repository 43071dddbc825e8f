import { Migration } from '@mikro-orm/migrations';

export class Migration20261121000003Catalog extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table "model" (
        "id" text primary key,
        "provider" text not null,
        "provider_model" text not null,
        "display_name" text not null,
        "context_window" int not null check ("context_window" > 0),
        "max_output_tokens" int not null check ("max_output_tokens" > 0),
        "capabilities" text[] not null default '{}',
        "quality" int not null check ("quality" between 1 and 5),
        "strengths" text[] not null default '{}',
        "active" boolean not null default true,
        "created_at" timestamptz not null default now(),
        "updated_at" timestamptz not null default now()
      );`);
    this.addSql(`
      create table "model_price" (
        "id" uuid primary key,
        "model_id" text not null references "model" ("id") on delete cascade,
        "input_nano" bigint not null check ("input_nano" >= 0),
        "output_nano" bigint not null check ("output_nano" >= 0),
        "cached_input_nano" bigint null check ("cached_input_nano" >= 0),
        "effective_from" timestamptz not null,
        "source" text not null,
        "source_date" date null,
        "created_by" uuid null references "app_user" ("id") on delete set null,
        "created_at" timestamptz not null default now(),
        constraint "model_price_version_unique" unique ("model_id", "effective_from")
      );`);
    this.addSql(`
      create table "tier" (
        "code" text primary key,
        "name" text not null,
        "monthly_price_cents" int not null check ("monthly_price_cents" >= 0),
        "monthly_credits" bigint not null check ("monthly_credits" >= 0),
        "rollover" text not null check ("rollover" in ('none', 'capped', 'full')),
        "rollover_cap" bigint null check ("rollover_cap" >= 0),
        "monthly_token_allowance" bigint not null check ("monthly_token_allowance" >= 0),
        "monthly_request_cap" int not null check ("monthly_request_cap" >= 0),
        "max_tokens_per_request" int not null check ("max_tokens_per_request" > 0),
        "requests_per_minute" int not null check ("requests_per_minute" > 0),
        "allowed_price_classes" text[] not null,
        "allowed_models" text[] not null default '{}',
        "byok_allowed" boolean not null,
        "markup_bps" int null check ("markup_bps" between 0 and 10000),
        "sort" int not null default 0,
        "updated_at" timestamptz not null default now()
      );`);
    this.addSql(`
      create table "credit_package" (
        "code" text primary key,
        "name" text not null,
        "credits" bigint not null check ("credits" > 0),
        "bonus_credits" bigint not null default 0 check ("bonus_credits" >= 0),
        "price_cents" int not null check ("price_cents" > 0),
        "active" boolean not null default true,
        "sort" int not null default 0
      );`);
  }

  override async down(): Promise<void> {
    for (const table of ['credit_package', 'tier', 'model_price', 'model']) this.addSql(`drop table if exists "${table}" cascade;`);
  }
}

import { Migration } from '@mikro-orm/migrations';

export class Migration20261121000004Metering extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create table "usage_event" (
        "id" uuid primary key,
        "user_id" uuid not null references "app_user" ("id") on delete cascade,
        "api_key_id" uuid null references "api_key" ("id") on delete set null,
        "service" text not null default 'completion',
        "model_id" text null,
        "provider" text null,
        "status" text not null check ("status" in ('ok', 'error', 'cached')),
        "error_code" text null,
        "input_tokens" int not null default 0,
        "output_tokens" int not null default 0,
        "cost_nano" bigint not null default 0,
        "markup_bps" int not null default 0,
        "charged" bigint not null default 0,
        "cached" boolean not null default false,
        "byok" boolean not null default false,
        "latency_ms" int not null default 0,
        "hold_id" uuid null,
        "idempotency_key" text null,
        "request_hash" text null,
        "response" jsonb null,
        "created_at" timestamptz not null default now(),
        constraint "usage_event_idempotency_unique" unique ("user_id", "idempotency_key")
      );`);
    this.addSql(`create index "usage_event_user_created_index" on "usage_event" ("user_id", "created_at" desc);`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "usage_event" cascade;');
  }
}

import { Migration } from '@mikro-orm/migrations';

/**
 * Metering: the daily rollup (written in the same statement as each usage event, so the two never
 * disagree), units for per-unit services, the per-unit price list that trackUsage charges, and
 * the record of 80% allowance warnings (its primary key makes each warning fire once).
 */
export class Migration20261121000006UsageDaily extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table "usage_event" add column "units" bigint not null default 0;`);
    this.addSql(`
      create table "usage_daily" (
        "user_id" uuid not null references "app_user" ("id") on delete cascade,
        "day" date not null,
        "service" text not null,
        "model_id" text not null default '',
        "requests" bigint not null default 0,
        "cached_requests" bigint not null default 0,
        "error_requests" bigint not null default 0,
        "input_tokens" bigint not null default 0,
        "output_tokens" bigint not null default 0,
        "units" bigint not null default 0,
        "cost_nano" bigint not null default 0,
        "charged" bigint not null default 0,
        "saved" bigint not null default 0,
        primary key ("user_id", "day", "service", "model_id")
      );`);
    this.addSql(`create index "usage_daily_day_index" on "usage_daily" ("day");`);
    // Events recorded before this migration: the rollup starts equal to them.
    this.addSql(`
      insert into "usage_daily" (user_id, day, service, model_id, requests, cached_requests, error_requests, input_tokens, output_tokens, units, cost_nano, charged, saved)
      select user_id, (created_at at time zone 'UTC')::date, service, coalesce(model_id, ''),
        count(*) filter (where status <> 'error'), count(*) filter (where cached), count(*) filter (where status = 'error'),
        sum(input_tokens), sum(output_tokens), sum(units), sum(cost_nano), sum(charged), sum(saved)
      from "usage_event" group by 1, 2, 3, 4;`);
    this.addSql(`
      create table "service_price" (
        "service" text primary key,
        "unit" text not null,
        "nano_per_unit" bigint not null check ("nano_per_unit" >= 0),
        "source" text not null,
        "updated_at" timestamptz not null default now()
      );`);
    // List prices of a well-known provider for each kind of service, in nano-dollars per unit, read 2026-11-01.
    this.addSql(`
      insert into "service_price" (service, unit, nano_per_unit, source) values
        -- OpenAI text-embedding-3-small: $0.02 per 1M tokens
        ('embeddings', 'token', 20, 'https://openai.com/api/pricing (text-embedding-3-small, $0.02 / 1M tokens)'),
        -- OpenAI tts-1: $15 per 1M characters
        ('tts', 'character', 15000, 'https://openai.com/api/pricing (tts-1, $15 / 1M characters)'),
        -- OpenAI whisper-1: $0.006 per minute = $0.0001 per second
        ('stt', 'second', 100000, 'https://openai.com/api/pricing (whisper-1, $0.006 / minute)'),
        -- Brave Search API (Data for AI, base): $5 per 1,000 queries
        ('search', 'query', 5000000, 'https://brave.com/search/api/ (Data for AI base, $5 / 1,000 queries)'),
        -- Cohere Rerank 3.5: $2 per 1,000 searches
        ('rerank', 'search', 2000000, 'https://cohere.com/pricing (Rerank 3.5, $2 / 1,000 searches)'),
        -- No provider sells this: Tollgate's own list price for an agent step (the model calls inside are metered as completions)
        ('agent', 'step', 1000000, 'Tollgate list price: $0.001 per agent step (docs/decisions/0007-metering.md)');`);
    this.addSql(`
      create table "usage_warning" (
        "user_id" uuid not null references "app_user" ("id") on delete cascade,
        "month" date not null,
        "kind" text not null check ("kind" in ('tokens', 'requests')),
        "used" bigint not null,
        "limit" bigint not null,
        "created_at" timestamptz not null default now(),
        primary key ("user_id", "month", "kind")
      );`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "usage_warning";');
    this.addSql('drop table if exists "service_price";');
    this.addSql('drop table if exists "usage_daily";');
    this.addSql('alter table "usage_event" drop column "units";');
  }
}

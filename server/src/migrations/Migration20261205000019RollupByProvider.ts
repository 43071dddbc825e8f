import { Migration } from '@mikro-orm/migrations';

const FIGURES = `requests, cached_requests, error_requests, input_tokens, output_tokens, units, cost_nano, charged, saved,
  overage_tokens, overage_charged, overage_surcharge`;

/**
 * The admin analytics read only the daily rollup (docs/analytics.md), so the rollup keeps apart
 * what they must tell apart: the provider that served the call, whether it ran on the user's own
 * key (BYOK: we pay nothing) and its outcome (ok, cached: served by our cache, error). The rows
 * are rebuilt from the events, which are the record; every other reader sums rows, so more rows
 * per (user, day, service, model) change none of their figures.
 */
export class Migration20261205000019RollupByProvider extends Migration {
  override async up(): Promise<void> {
    this.addSql(`delete from "usage_daily";`);
    this.addSql(`
      alter table "usage_daily"
        add column "provider" text not null default '',
        add column "byok" boolean not null default false,
        add column "status" text not null default 'ok' check ("status" in ('ok', 'error', 'cached')),
        drop constraint "usage_daily_pkey";`);
    this.addSql(`alter table "usage_daily" add primary key ("user_id", "day", "service", "model_id", "provider", "byok", "status");`);
    this.addSql(`
      insert into "usage_daily" (user_id, day, service, model_id, provider, byok, status, ${FIGURES})
      select user_id, (created_at at time zone 'UTC')::date, service, coalesce(model_id, ''), coalesce(provider, ''), byok, status,
        count(*) filter (where status <> 'error'), count(*) filter (where cached), count(*) filter (where status = 'error'),
        sum(input_tokens), sum(output_tokens), sum(units), sum(cost_nano), sum(charged), sum(saved),
        sum(overage_tokens), sum(overage_charged), sum(overage_surcharge)
      from "usage_event" group by 1, 2, 3, 4, 5, 6, 7;`);
  }

  override async down(): Promise<void> {
    this.addSql(`delete from "usage_daily";`);
    this.addSql(`alter table "usage_daily" drop constraint "usage_daily_pkey", drop column "provider", drop column "byok", drop column "status";`);
    this.addSql(`alter table "usage_daily" add primary key ("user_id", "day", "service", "model_id");`);
    this.addSql(`
      insert into "usage_daily" (user_id, day, service, model_id, ${FIGURES})
      select user_id, (created_at at time zone 'UTC')::date, service, coalesce(model_id, ''),
        count(*) filter (where status <> 'error'), count(*) filter (where cached), count(*) filter (where status = 'error'),
        sum(input_tokens), sum(output_tokens), sum(units), sum(cost_nano), sum(charged), sum(saved),
        sum(overage_tokens), sum(overage_charged), sum(overage_surcharge)
      from "usage_event" group by 1, 2, 3, 4;`);
  }
}

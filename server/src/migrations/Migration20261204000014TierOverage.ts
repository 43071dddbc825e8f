import { Migration } from '@mikro-orm/migrations';

/**
 * Overage (docs/decisions/0020-overage.md): each tier says what happens past its monthly token
 * allowance (`block` or `credits`) and the surcharge on those tokens; each usage event and its
 * daily rollup record how many of its tokens were overage, what they were charged (surcharge
 * included) and the surcharge alone, so the `overage` query sums a month from the rollup.
 * Tiers already present keep today's behaviour (`block`, no surcharge): turning an existing
 * installation's users over to paying past their allowance is an operator's decision, made with
 * adminUpdateTier. A fresh database gets the seed's policies (catalog.data.ts).
 */
export class Migration20261204000014TierOverage extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table "tier"
        add column "overage" text not null default 'block' check ("overage" in ('block', 'credits')),
        add column "overage_surcharge_bps" int not null default 0 check ("overage_surcharge_bps" >= 0);`);
    // Columns with a constant default: PostgreSQL adds them without rewriting the tables.
    for (const table of ['usage_event', 'usage_daily']) {
      this.addSql(`
        alter table "${table}"
          add column "overage_tokens" bigint not null default 0,
          add column "overage_charged" bigint not null default 0,
          add column "overage_surcharge" bigint not null default 0;`);
    }
  }

  override async down(): Promise<void> {
    for (const table of ['usage_daily', 'usage_event']) {
      this.addSql(`alter table "${table}" drop column "overage_surcharge", drop column "overage_charged", drop column "overage_tokens";`);
    }
    this.addSql(`alter table "tier" drop column "overage_surcharge_bps", drop column "overage";`);
  }
}

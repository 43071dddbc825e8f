import { Migration } from '@mikro-orm/migrations';

export class Migration20261204000009StripeEvents extends Migration {
  override async up(): Promise<void> {
    // Stripe's event id is the key: recording is `insert … on conflict (id) do nothing`, so a
    // redelivered or concurrent copy of an event finds the one row and is applied at most once.
    this.addSql(`
      create table "stripe_event" (
        "id" text primary key,
        "type" text not null,
        "livemode" boolean not null,
        "created" timestamptz not null,
        "received_at" timestamptz not null default now(),
        "applied_at" timestamptz null,
        "error" text null
      );`);
    // What operators look for: events received and not (yet) applied.
    this.addSql(`create index "stripe_event_unapplied_index" on "stripe_event" ("received_at") where "applied_at" is null;`);
  }

  override async down(): Promise<void> {
    this.addSql('drop table if exists "stripe_event";');
  }
}

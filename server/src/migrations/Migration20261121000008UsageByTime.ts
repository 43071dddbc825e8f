import { Migration } from '@mikro-orm/migrations';

export class Migration20261121000008UsageByTime extends Migration {
  override async up(): Promise<void> {
    // The admin's provider status reads the last day's events across every account.
    this.addSql(`create index "usage_event_created_index" on "usage_event" ("created_at" desc);`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index "usage_event_created_index";`);
  }
}

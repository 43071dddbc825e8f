import { Migration } from '@mikro-orm/migrations';

export class Migration20261121000005CacheSavings extends Migration {
  override async up(): Promise<void> {
    // What a cache hit would have cost, for the "credits saved" figures.
    this.addSql(`alter table "usage_event" add column "saved" bigint not null default 0;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table "usage_event" drop column "saved";`);
  }
}

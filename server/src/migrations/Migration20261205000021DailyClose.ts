import { Migration } from '@mikro-orm/migrations';

/** TODO: the daily close of outstanding credit, liability and MRR (docs/analytics.md) */
export class Migration20261205000021DailyClose extends Migration {
  override async up(): Promise<void> {}

  override async down(): Promise<void> {}
}

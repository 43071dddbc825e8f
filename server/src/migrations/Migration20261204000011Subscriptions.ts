import { Migration } from '@mikro-orm/migrations';

/** Stub: filled in by the Subscriptions work (issue 10). */
export class Migration20261204000011Subscriptions extends Migration {
  override async up(): Promise<void> {}

  override async down(): Promise<void> {}
}

import { Migration } from '@mikro-orm/migrations';

/** Stub: filled in by the Refunds work (issue 10). */
export class Migration20261204000012Refunds extends Migration {
  override async up(): Promise<void> {}

  override async down(): Promise<void> {}
}

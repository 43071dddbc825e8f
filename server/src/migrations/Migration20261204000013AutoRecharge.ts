import { Migration } from '@mikro-orm/migrations';

/** Stub: filled in by the AutoRecharge work (issue 10). */
export class Migration20261204000013AutoRecharge extends Migration {
  override async up(): Promise<void> {}

  override async down(): Promise<void> {}
}

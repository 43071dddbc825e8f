import { Migration } from '@mikro-orm/migrations';

/** Stub: filled in by the Coupons work (issue 11). */
export class Migration20261204000016Coupons extends Migration {
  override async up(): Promise<void> {}

  override async down(): Promise<void> {}
}

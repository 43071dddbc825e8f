import { Migration } from '@mikro-orm/migrations';

/** Stub: filled in by the Referrals work (issue 11). */
export class Migration20261204000018Referrals extends Migration {
  override async up(): Promise<void> {}

  override async down(): Promise<void> {}
}

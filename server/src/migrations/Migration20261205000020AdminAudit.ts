import { Migration } from '@mikro-orm/migrations';

/** TODO: admin_audit table, app_user.suspended_at/suspended_reason (issue 12 user management) */
export class Migration20261205000020AdminAudit extends Migration {
  override async up(): Promise<void> {}

  override async down(): Promise<void> {}
}

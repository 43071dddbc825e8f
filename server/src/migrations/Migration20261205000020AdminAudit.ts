import { Migration } from '@mikro-orm/migrations';

/**
 * User management (issue 12, docs/decisions/0028-user-management.md): a user can be suspended (the
 * authenticator refuses their sessions and keys while suspended_at is set), and every admin
 * mutation leaves a row in admin_audit with the state before and after.
 */
export class Migration20261205000020AdminAudit extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      alter table "app_user"
        add column "suspended_at" timestamptz null,
        add column "suspended_reason" text null;`);
    // Append-only. actor_email is copied so the log still names a deleted admin; actor_id is kept
    // as a plain uuid (no foreign key) for the same reason. seq orders rows and is the cursor.
    this.addSql(`
      create table "admin_audit" (
        "id" uuid primary key default gen_random_uuid(),
        "seq" bigserial not null unique,
        "actor_id" uuid null,
        "actor_email" text not null,
        "action" text not null,
        "target_type" text not null,
        "target_id" text null,
        "summary" text not null,
        "args" jsonb null,
        "before" jsonb null,
        "after" jsonb null,
        "created_at" timestamptz not null default now()
      );`);
    this.addSql(`create index "admin_audit_action_idx" on "admin_audit" ("action", "seq");`);
    this.addSql(`create index "admin_audit_actor_idx" on "admin_audit" ("actor_id", "seq");`);
    this.addSql(`create index "admin_audit_target_idx" on "admin_audit" ("target_id", "seq");`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "admin_audit";`);
    this.addSql(`alter table "app_user" drop column if exists "suspended_at", drop column if exists "suspended_reason";`);
  }
}

import { Migration } from '@mikro-orm/migrations';

/**
 * Every replica keeps a user's tier and own provider keys in memory for a short while
 * (platform/user-cache.ts). A change to either notifies `tollgate_user_changed` with the user's id,
 * and PostgreSQL delivers a NOTIFY only when its transaction commits: whoever made the change (an
 * admin, a Stripe webhook's transaction, a BYOK edit), every replica drops that user's entries
 * after the commit and never before it.
 */
export class Migration20261205000023UserChangedNotify extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create function notify_user_changed() returns trigger language plpgsql as $fn$
      begin
        perform pg_notify('tollgate_user_changed', coalesce(new.user_id, old.user_id)::text);
        return null;
      end
      $fn$;`);
    this.addSql(`
      create function notify_user_tier_changed() returns trigger language plpgsql as $fn$
      begin
        perform pg_notify('tollgate_user_changed', new.id::text);
        return null;
      end
      $fn$;`);
    this.addSql(
      `create trigger provider_key_changed after insert or update of provider, key_id, iv, ciphertext, tag or delete on provider_key for each row execute function notify_user_changed();`,
    );
    this.addSql(`create trigger app_user_tier_changed after update of tier_code on app_user for each row
      when (old.tier_code is distinct from new.tier_code) execute function notify_user_tier_changed();`);
  }

  override async down(): Promise<void> {
    this.addSql('drop trigger if exists app_user_tier_changed on app_user;');
    this.addSql('drop trigger if exists provider_key_changed on provider_key;');
    this.addSql('drop function if exists notify_user_tier_changed();');
    this.addSql('drop function if exists notify_user_changed();');
  }
}

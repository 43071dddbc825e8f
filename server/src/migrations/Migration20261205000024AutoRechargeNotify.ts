import { Migration } from '@mikro-orm/migrations';

/**
 * Auto-recharge's settings join the user changes PostgreSQL notifies at commit (migration 23): the
 * trigger that watches every balance change keeps a user's settings in memory while they are heard,
 * instead of reading them again every few seconds for every active user.
 */
export class Migration20261205000024AutoRechargeNotify extends Migration {
  override async up(): Promise<void> {
    this.addSql(`create trigger auto_recharge_changed after insert or update or delete on auto_recharge for each row execute function notify_user_changed();`);
  }

  override async down(): Promise<void> {
    this.addSql('drop trigger if exists auto_recharge_changed on auto_recharge;');
  }
}

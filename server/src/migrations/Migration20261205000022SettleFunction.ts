import { Migration } from '@mikro-orm/migrations';

/**
 * The settle of a hold as one server-side function, so the hot path's settle is one round trip
 * (docs/decisions/0043-hot-path-in-two-statements.md). It does what LedgerService.settle's general
 * path does in its common case, in the same order and under the same row lock: lock the account,
 * check nothing on it is past its deadline and the hold is active and covers the amount, append the
 * usage entry, burn grants in burn order (priority, soonest expiry with never-expiring last, oldest,
 * id: the order of ledger.sql.ts BURN_ORDER) with their links, mark the hold settled, write the
 * account back and fire the low-balance alert on a downward crossing.
 *
 * Anything else (no account, something due, a hold not active, an amount above it) returns no row
 * and writes nothing: the caller takes the general path, which expires, replays or refuses as
 * before. A plpgsql function's statements each take a fresh snapshot under READ COMMITTED, so the
 * grants it burns are read after the account lock is held (every change to them takes it first).
 */
export class Migration20261205000022SettleFunction extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create function ledger_settle_hold(p_user uuid, p_hold uuid, p_amount bigint, p_entry uuid, p_actor_type text, p_actor_id uuid,
        p_reference text, p_description text, p_now timestamptz)
      returns table (account_id uuid, balance bigint, held bigint, low_balance_threshold bigint, fired boolean,
        hold_amount bigint, hold_reference text, hold_expires_at timestamptz, hold_created_at timestamptz, entry_seq bigint)
      language plpgsql as $fn$
      #variable_conflict use_column
      declare
        a credit_account%rowtype;
        h credit_hold%rowtype;
        v_balance bigint;
        v_below boolean;
        v_fire boolean;
        v_seq bigint;
      begin
        select * into a from credit_account c where c.user_id = p_user for update;
        if not found then return; end if;
        if exists (select 1 from credit_grant g where g.account_id = a.id and g.remaining > 0 and g.expires_at <= p_now)
          or exists (select 1 from credit_hold d where d.account_id = a.id and d.status = 'active' and d.expires_at <= p_now) then
          return;
        end if;
        select * into h from credit_hold d where d.id = p_hold and d.account_id = a.id;
        if not found or h.status <> 'active' or p_amount < 0 or p_amount > h.amount then return; end if;
        v_balance := a.balance - p_amount;
        if p_amount > 0 then
          insert into ledger_entry (id, account_id, type, amount, balance_after, actor_type, actor_id, reference, description, created_at)
            values (p_entry, a.id, 'usage', -p_amount, v_balance, p_actor_type, p_actor_id, p_reference, p_description, p_now)
            returning seq into v_seq;
          with ordered as (
              select g.id, g.remaining, sum(g.remaining) over (order by g.priority, g.expires_at asc nulls last, g.created_at, g.id) as running
              from credit_grant g where g.account_id = a.id and g.remaining > 0),
            draws as (
              select o.id, least(o.remaining, p_amount - (o.running - o.remaining)) as draw from ordered o where o.running - o.remaining < p_amount),
            burnt as (
              update credit_grant g set remaining = g.remaining - d.draw from draws d where g.id = d.id returning g.id, d.draw)
          insert into ledger_entry_grant (entry_id, grant_id, amount) select p_entry, b.id, b.draw from burnt b;
        end if;
        update credit_hold set status = 'settled', settled_amount = p_amount, entry_id = case when p_amount > 0 then p_entry end, closed_at = p_now
          where id = p_hold;
        -- One alert per downward crossing, as saveAccount decides it.
        v_below := v_balance < a.low_balance_threshold;
        v_fire := v_below and not a.low_balance_alerted and v_balance < a.balance;
        update credit_account set balance = v_balance, held = a.held - h.amount, low_balance_alerted = v_below, updated_at = p_now where id = a.id;
        if v_fire then
          insert into low_balance_alert (id, account_id, balance, threshold, created_at) values (gen_random_uuid(), a.id, v_balance, a.low_balance_threshold, p_now);
        end if;
        return query select a.id, v_balance, a.held - h.amount, a.low_balance_threshold, v_fire, h.amount, h.reference, h.expires_at, h.created_at, v_seq;
      end
      $fn$;`);
  }

  override async down(): Promise<void> {
    this.addSql('drop function if exists ledger_settle_hold(uuid, uuid, bigint, uuid, text, uuid, text, text, timestamptz);');
  }
}

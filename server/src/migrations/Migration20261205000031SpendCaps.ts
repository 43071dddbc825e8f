import { Migration } from '@mikro-orm/migrations';

/**
 * Spend caps in the hold (docs/decisions/0056-spend-caps.md).
 *
 * - `ledger_period_start(period, at)`: the calendar period's start in UTC (ISO week from Monday), the
 *   SQL twin of shared/src/teams.ts periodStart.
 * - `ledger_cap_refusal(...)`: the first cap (the key's, then the member's) that `amount` more would
 *   pass, with what was spent in its period; no row when every cap admits it. Spent, one definition
 *   everywhere: −Σ usage and refund entries of the key (or the member on the account) since the
 *   period's start, floored at 0, plus every active hold of the same attribution. The cap values are
 *   read from `api_key` / `team_member` here, not from the (cached) principal.
 * - `ledger_hold_capped(...)`: the capped hold, one call in one statement: lock the account FOR UPDATE
 *   FIRST, then (each statement of a plpgsql function takes a fresh snapshot under READ COMMITTED)
 *   read the caps and the spend, which every writer of entries and holds changes only under that
 *   lock, check them and the balance, and insert the hold. So concurrent holds on one account see
 *   each other's holds and settles, and a cap is never passed. `outcome`: `held`, `cap` (refused,
 *   nothing written), `guard` (the caller's guard refused, nothing written) or `general` (no account,
 *   something due, a key used before, too little credit: the caller's general path decides).
 * - `ledger_settle_hold` again, the same signature: the usage entry carries the hold's member and key.
 */
export class Migration20261205000031SpendCaps extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create function ledger_period_start(p_period text, p_at timestamptz) returns timestamptz
      language sql immutable as $fn$
        select date_trunc(case p_period when 'day' then 'day' when 'week' then 'week' else 'month' end, p_at at time zone 'UTC') at time zone 'UTC'
      $fn$;`);
    this.addSql(`
      create function ledger_cap_refusal(p_account uuid, p_owner uuid, p_member uuid, p_api_key uuid, p_amount bigint, p_now timestamptz)
      returns table (r_scope text, r_cap bigint, r_period text, r_spent bigint, r_start timestamptz)
      language plpgsql as $fn$
      declare
        v_cap bigint;
        v_period text;
        v_start timestamptz;
        v_spent bigint;
      begin
        if p_api_key is not null then
          select k.cap_micro, k.cap_period into v_cap, v_period from api_key k where k.id = p_api_key;
          if v_cap is not null then
            v_start := ledger_period_start(v_period, p_now);
            v_spent := greatest(0, -(select coalesce(sum(e.amount), 0) from ledger_entry e
                where e.api_key_id = p_api_key and e.type in ('usage', 'refund') and e.created_at >= v_start))
              + (select coalesce(sum(d.amount), 0) from credit_hold d where d.account_id = p_account and d.status = 'active' and d.api_key_id = p_api_key);
            if v_spent + p_amount > v_cap then
              return query select 'key'::text, v_cap, v_period, v_spent, v_start;
              return;
            end if;
          end if;
        end if;
        if p_member is not null then
          v_cap := null;
          select m.cap_micro, m.cap_period into v_cap, v_period from team_member m where m.team_id = p_owner and m.user_id = p_member;
          if v_cap is not null then
            v_start := ledger_period_start(v_period, p_now);
            v_spent := greatest(0, -(select coalesce(sum(e.amount), 0) from ledger_entry e
                where e.account_id = p_account and e.member_id = p_member and e.type in ('usage', 'refund') and e.created_at >= v_start))
              + (select coalesce(sum(d.amount), 0) from credit_hold d where d.account_id = p_account and d.status = 'active' and d.member_id = p_member);
            if v_spent + p_amount > v_cap then
              return query select 'member'::text, v_cap, v_period, v_spent, v_start;
            end if;
          end if;
        end if;
      end
      $fn$;`);
    this.addSql(`
      create function ledger_hold_capped(p_user uuid, p_now timestamptz, p_hold uuid, p_ok boolean, p_amount bigint, p_reference text,
        p_key text, p_hash text, p_expires timestamptz, p_member uuid, p_api_key uuid)
      returns table (outcome text, a_account_id uuid, a_balance bigint, a_held bigint, a_threshold bigint,
        cap_scope text, cap_micro bigint, cap_period text, cap_spent bigint, cap_start timestamptz)
      language plpgsql as $fn$
      declare
        a credit_account%rowtype;
        r record;
      begin
        if not p_ok then
          return query select 'guard'::text, null::uuid, null::bigint, null::bigint, null::bigint, null::text, null::bigint, null::text, null::bigint, null::timestamptz;
          return;
        end if;
        -- A reservation moves no money: as the uncapped hold, it does not wait for its WAL (decision 0043).
        perform set_config('synchronous_commit', 'off', true);
        select * into a from credit_account c where c.user_id = p_user for update;
        if not found
          or exists (select 1 from credit_grant x where x.account_id = a.id and x.remaining > 0 and x.expires_at <= p_now)
          or exists (select 1 from credit_hold d where d.account_id = a.id and d.status = 'active' and d.expires_at <= p_now)
          or exists (select 1 from credit_hold k where k.account_id = a.id and k.idempotency_key = p_key) then
          return query select 'general'::text, null::uuid, null::bigint, null::bigint, null::bigint, null::text, null::bigint, null::text, null::bigint, null::timestamptz;
          return;
        end if;
        select * into r from ledger_cap_refusal(a.id, a.user_id, p_member, p_api_key, p_amount, p_now);
        if found then
          return query select 'cap'::text, a.id, a.balance, a.held, a.low_balance_threshold, r.r_scope, r.r_cap, r.r_period, r.r_spent, r.r_start;
          return;
        end if;
        if a.balance - a.held < p_amount then
          return query select 'general'::text, a.id, a.balance, a.held, a.low_balance_threshold, null::text, null::bigint, null::text, null::bigint, null::timestamptz;
          return;
        end if;
        update credit_account c set held = c.held + p_amount, updated_at = p_now where c.id = a.id;
        insert into credit_hold (id, account_id, amount, reference, idempotency_key, request_hash, expires_at, created_at, member_id, api_key_id)
          values (p_hold, a.id, p_amount, p_reference, p_key, p_hash, p_expires, p_now, p_member, p_api_key);
        return query select 'held'::text, a.id, a.balance, a.held + p_amount, a.low_balance_threshold, null::text, null::bigint, null::text, null::bigint, null::timestamptz;
      end
      $fn$;`);
    this.addSql(SETTLE_HOLD_WITH_ATTRIBUTION);
  }

  override async down(): Promise<void> {
    this.addSql('drop function if exists ledger_hold_capped(uuid, timestamptz, uuid, boolean, bigint, text, text, text, timestamptz, uuid, uuid);');
    this.addSql('drop function if exists ledger_cap_refusal(uuid, uuid, uuid, uuid, bigint, timestamptz);');
    this.addSql('drop function if exists ledger_period_start(text, timestamptz);');
  }
}

/** Migration 22's function, the usage entry now carrying the hold's `member_id` and `api_key_id`. */
const SETTLE_HOLD_WITH_ATTRIBUTION = `
      create or replace function ledger_settle_hold(p_user uuid, p_hold uuid, p_amount bigint, p_entry uuid, p_actor_type text, p_actor_id uuid,
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
          insert into ledger_entry (id, account_id, type, amount, balance_after, actor_type, actor_id, reference, description, created_at, member_id, api_key_id)
            values (p_entry, a.id, 'usage', -p_amount, v_balance, p_actor_type, p_actor_id, p_reference, p_description, p_now, h.member_id, h.api_key_id)
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
      $fn$;`;

import { Migration } from '@mikro-orm/migrations';

/**
 * One definition of a cap's period spend (docs/decisions/0056-spend-caps.md), in two SQL functions
 * that both the capped hold (`ledger_cap_refusal`, redefined here with the same signature and result)
 * and the display read (ledger.spend.ts) call, so the two can never drift apart:
 *
 *   spent = greatest(0, −Σ amount of the attribution's 'usage' and 'refund' entries created ≥ since)
 *         + Σ amount of the attribution's active holds on the account.
 *
 * `stable` SQL functions: they read only, and a plpgsql caller's statement sees what its snapshot sees
 * (the hold calls them after taking the account's lock, so they read every committed hold and settle).
 */
export class Migration20261205000032OneSpendDefinition extends Migration {
  override async up(): Promise<void> {
    this.addSql(`
      create function ledger_key_spend(p_account uuid, p_api_key uuid, p_since timestamptz) returns bigint
      language sql stable as $fn$
        select greatest(0, -(select coalesce(sum(e.amount), 0) from ledger_entry e
                 where e.api_key_id = p_api_key and e.type in ('usage', 'refund') and e.created_at >= p_since))::bigint
             + (select coalesce(sum(d.amount), 0) from credit_hold d
                 where d.account_id = p_account and d.status = 'active' and d.api_key_id = p_api_key)::bigint
      $fn$;`);
    this.addSql(`
      create function ledger_member_spend(p_account uuid, p_member uuid, p_since timestamptz) returns bigint
      language sql stable as $fn$
        select greatest(0, -(select coalesce(sum(e.amount), 0) from ledger_entry e
                 where e.account_id = p_account and e.member_id = p_member and e.type in ('usage', 'refund') and e.created_at >= p_since))::bigint
             + (select coalesce(sum(d.amount), 0) from credit_hold d
                 where d.account_id = p_account and d.status = 'active' and d.member_id = p_member)::bigint
      $fn$;`);
    this.addSql(`
      create or replace function ledger_cap_refusal(p_account uuid, p_owner uuid, p_member uuid, p_api_key uuid, p_amount bigint, p_now timestamptz)
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
            v_spent := ledger_key_spend(p_account, p_api_key, v_start);
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
            v_spent := ledger_member_spend(p_account, p_member, v_start);
            if v_spent + p_amount > v_cap then
              return query select 'member'::text, v_cap, v_period, v_spent, v_start;
            end if;
          end if;
        end if;
      end
      $fn$;`);
  }

  override async down(): Promise<void> {
    // Nothing: ledger_cap_refusal calls the two functions until migration 31's down drops the caps.
  }
}

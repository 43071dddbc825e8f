import type pg from 'pg';
import { dayStart } from './analytics-seed.js';

/**
 * What the events imply for the ledger: the gateway settles every call with its own `usage` entry,
 * so the ledger grows with the events. seedLedger writes one usage entry per user-day (so the
 * ledger's own checks run at the right times); this replaces each by one entry per event of that
 * user-day with a charge, at the event's time, amounts equal to the events' charges (they add up
 * to the day's entry), and splits the day's grant burns (ledger_entry_grant) over them in order.
 * Balances and grants are unchanged. An entry's balance_after is the balance after the day's
 * earlier calls, as if the day's grants (before 04:00) came first. One transaction per day.
 */
export async function splitUsageEntries(c: pg.Pool, lastDay: Date, day: number): Promise<number> {
  const client = await c.connect();
  try {
    await client.query('begin');
    const start = dayStart(lastDay, day);
    await client.query(
      `create temp table split_event on commit drop as
       select u.id as day_entry, u.account_id, v.id as event_id, v.charged, v.created_at, u.balance_after - u.amount as before,
         sum(v.charged) over (partition by u.id order by v.created_at, v.id) as cum
       from ledger_entry u join credit_account a on a.id = u.account_id
       join usage_event v on v.user_id = a.user_id and v.created_at >= $2 and v.created_at < $2::timestamptz + interval '1 day' and v.charged > 0
       where u.type = 'usage' and u.idempotency_key = $1`,
      [`usage:${day}`, start],
    );
    const inserted = await client.query(
      `insert into ledger_entry (id, account_id, type, amount, balance_after, actor_type, actor_id, reference, description, idempotency_key, request_hash, created_at)
       select event_id, account_id, 'usage', -charged, before - cum, 'system', null, 'usage:' || event_id, 'completion', 'settle:' || event_id, null, created_at
       from split_event order by created_at, event_id`,
    );
    await client.query(
      `with burns as (
         select leg.entry_id as day_entry, leg.grant_id, leg.amount,
           sum(leg.amount) over (partition by leg.entry_id order by g.priority, g.expires_at nulls last, g.created_at, g.id) as gcum
         from ledger_entry_grant leg join credit_grant g on g.id = leg.grant_id
         where leg.entry_id in (select distinct day_entry from split_event))
       insert into ledger_entry_grant (entry_id, grant_id, amount)
       select s.event_id, b.grant_id, least(s.cum, b.gcum) - greatest(s.cum - s.charged, b.gcum - b.amount)
       from split_event s join burns b on b.day_entry = s.day_entry and b.gcum - b.amount < s.cum and s.cum - s.charged < b.gcum`,
    );
    await client.query(`delete from ledger_entry_grant where entry_id in (select distinct day_entry from split_event)`);
    await client.query(`delete from ledger_entry where id in (select distinct day_entry from split_event)`);
    await client.query(`insert into bench_seed_step (name, seconds) values ($1, 0)`, [`ledger-split:${day}`]);
    await client.query('commit');
    return inserted.rowCount ?? 0;
  } catch (err) {
    await client.query('rollback').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
}

/** The ledger's invariants after the split: every account's balance is Σ its entries, every usage entry's burns add up to it. */
export async function ledgerConsistent(c: pg.Pool): Promise<boolean> {
  const r = await c.query(`select
    (select count(*) from credit_account a where a.balance <> (select coalesce(sum(amount), 0) from ledger_entry e where e.account_id = a.id)) as accounts,
    (select count(*) from credit_grant g where g.amount - g.remaining <> (select coalesce(sum(amount), 0) from ledger_entry_grant l where l.grant_id = g.id)) as grants,
    (select coalesce(sum(e.amount), 0) + (select coalesce(sum(l.amount), 0) from ledger_entry_grant l join ledger_entry x on x.id = l.entry_id where x.type = 'usage')
       from ledger_entry e where e.type = 'usage') as usage_gap`);
  const row = r.rows[0];
  return Number(row.accounts) === 0 && Number(row.grants) === 0 && Number(row.usage_gap) === 0;
}

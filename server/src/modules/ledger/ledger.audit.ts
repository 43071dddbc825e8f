import type { Sql } from '../../platform/sql.js';

export interface AuditReport {
  accountsChecked: number;
  violations: string[];
}

/**
 * The ledger's invariants, each a query that returns one row per violation. Read-only; run by the
 * admin `ledgerAudit` query and after every step of the property test.
 */
const CHECKS: Array<{ name: string; sql: string }> = [
  {
    name: 'balance equals the sum of its entries',
    sql: `select a.id, a.balance, coalesce(e.total, 0) as total from credit_account a
          left join (select account_id, sum(amount) as total from ledger_entry group by account_id) e on e.account_id = a.id
          where a.balance <> coalesce(e.total, 0)`,
  },
  {
    name: 'balance equals the sum of grant remainders',
    sql: `select a.id, a.balance, coalesce(g.total, 0) as total from credit_account a
          left join (select account_id, sum(remaining) as total from credit_grant group by account_id) g on g.account_id = a.id
          where a.balance <> coalesce(g.total, 0)`,
  },
  {
    name: '0 <= held <= balance',
    sql: `select id, held, balance from credit_account where held < 0 or held > balance or balance < 0`,
  },
  {
    name: 'held equals the sum of active holds',
    sql: `select a.id, a.held, coalesce(h.total, 0) as total from credit_account a
          left join (select account_id, sum(amount) as total from credit_hold where status = 'active' group by account_id) h on h.account_id = a.id
          where a.held <> coalesce(h.total, 0)`,
  },
  {
    name: "every entry's balance_after is the running sum",
    sql: `select id, account_id, balance_after, running from (
            select id, account_id, balance_after, sum(amount) over (partition by account_id order by seq) as running from ledger_entry) r
          where balance_after <> running`,
  },
  {
    name: "a debit's grant links add up to the debit",
    sql: `select e.id, e.amount, coalesce(sum(l.amount), 0) as linked from ledger_entry e
          left join ledger_entry_grant l on l.entry_id = e.id
          where e.amount < 0 group by e.id, e.amount having -e.amount <> coalesce(sum(l.amount), 0)`,
  },
  {
    name: "a grant's remainder is its amount less what was drawn from it",
    sql: `select g.id, g.amount, g.remaining, coalesce(sum(l.amount), 0) as drawn from credit_grant g
          left join ledger_entry_grant l on l.grant_id = g.id
          group by g.id having g.amount - coalesce(sum(l.amount), 0) <> g.remaining`,
  },
  {
    name: 'refunds never exceed the spend they refund',
    sql: `select e.id, e.amount, sum(g.amount) as refunded from ledger_entry e join credit_grant g on g.refund_of_entry_id = e.id
          group by e.id, e.amount having sum(g.amount) > -e.amount`,
  },
  {
    // Refunds and disputes claim against one running total per payment (docs/decisions/0018).
    name: 'refunds and disputes never claim back more than a payment granted',
    sql: `select id, credits_granted, credits_clawed_back from payment where credits_clawed_back > credits_granted`,
  },
  {
    name: 'a debt is never settled beyond what is owed',
    sql: `select id, credits, settled_credits from billing_debt where settled_credits > credits or settled_credits < 0`,
  },
];

export async function auditLedger(sql: Sql): Promise<AuditReport> {
  const [{ count }] = (await sql.query(`select count(*)::int as count from credit_account`)) as [{ count: number }];
  const violations: string[] = [];
  for (const check of CHECKS) {
    for (const row of await sql.query(check.sql)) {
      violations.push(`${check.name}: ${JSON.stringify(row)}`);
    }
  }
  return { accountsChecked: count, violations };
}

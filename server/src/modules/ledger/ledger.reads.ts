import type { Sql } from '../../platform/sql.js';
import { isUuid } from '../../platform/ids.js';
import type { CreditGrant, EntryType, LedgerEntry } from './ledger.domain.js';
import { ENTRY_COLUMNS, GRANT_COLUMNS, toEntry, toGrant } from './ledger.rows.js';

export interface HistoryFilter {
  first: number;
  /** The `seq` of the last entry of the previous page. */
  after: bigint | null;
  types: EntryType[] | null;
  from: Date | null;
  to: Date | null;
  /** Only entries attributed to this member / made with this key (a team's history). */
  memberId: string | null;
  apiKeyId: string | null;
}

/** Who spent, on a team's entries: the member and the key, with what people recognise them by. */
export interface Attribution {
  memberId: string | null;
  memberEmail: string | null;
  apiKeyId: string | null;
  apiKeyName: string | null;
}

export interface Page<T> {
  nodes: T[];
  endCursor: string | null;
  hasNextPage: boolean;
  totalCount: number;
}

/** Read-only ledger queries: history, grants, the admin's account list. No locks. */
export class LedgerReads {
  constructor(private readonly sql: Sql) {}

  async history(userId: string, filter: HistoryFilter): Promise<Page<LedgerEntry & Attribution>> {
    const where = ['a.user_id = $1'];
    const params: unknown[] = [userId];
    const add = (clause: string, value: unknown) => {
      params.push(value);
      where.push(clause.replace('?', `$${params.length}`));
    };
    if (filter.types?.length) add('e.type = any(?)', filter.types);
    if (filter.from) add('e.created_at >= ?', filter.from);
    if (filter.to) add('e.created_at < ?', filter.to);
    if (filter.memberId) add('e.member_id = ?', filter.memberId);
    if (filter.apiKeyId) add('e.api_key_id = ?', filter.apiKeyId);
    const filtered = where.join(' and ');
    const [{ count }] = (await this.sql.query(
      `select count(*)::int as count from ledger_entry e join credit_account a on a.id = e.account_id where ${filtered}`,
      params,
    )) as [{ count: number }];
    if (filter.after !== null) add('e.seq < ?', filter.after);
    params.push(filter.first + 1);
    const rows = await this.sql.query(
      `select ${ENTRY_COLUMNS.split(', ')
        .map((c) => `e.${c}`)
        .join(', ')}, m.email as member_email, k.name as api_key_name
       from ledger_entry e join credit_account a on a.id = e.account_id
       left join app_user m on m.id = e.member_id left join api_key k on k.id = e.api_key_id
       where ${where.join(' and ')} order by e.seq desc limit $${params.length}`,
      params,
    );
    const nodes = rows.slice(0, filter.first).map((r) => ({
      ...toEntry(r),
      memberId: r.member_id ?? null,
      memberEmail: r.member_email ?? null,
      apiKeyId: r.api_key_id ?? null,
      apiKeyName: r.api_key_name ?? null,
    }));
    return { nodes, endCursor: nodes.length ? nodes[nodes.length - 1]!.seq.toString() : null, hasNextPage: rows.length > filter.first, totalCount: count };
  }

  /** Credits spent on usage (net of nothing: refunds are separate grants) and how many spends, since `since`. */
  async usageSince(userId: string, since: Date): Promise<{ spentMicro: bigint; spends: number; accountCreatedAt: Date | null }> {
    const rows = await this.sql.query(
      `select coalesce(sum(-e.amount), 0) as spent, count(e.id)::int as spends, min(a.created_at) as created_at
       from credit_account a left join ledger_entry e on e.account_id = a.id and e.type = 'usage' and e.created_at >= $2
       where a.user_id = $1`,
      [userId, since],
    );
    const row = rows[0];
    return { spentMicro: BigInt(row?.spent ?? 0), spends: row?.spends ?? 0, accountCreatedAt: row?.created_at ? new Date(row.created_at) : null };
  }

  /** Grants with credit left, in the order they will be spent. */
  async grants(userId: string): Promise<CreditGrant[]> {
    if (!isUuid(userId)) return [];
    const rows = await this.sql.query(
      `select ${GRANT_COLUMNS.split(', ')
        .map((c) => `g.${c}`)
        .join(', ')} from credit_grant g join credit_account a on a.id = g.account_id
       where a.user_id = $1 and g.remaining > 0 order by g.priority, g.expires_at asc nulls last, g.created_at, g.id`,
      [userId],
    );
    return rows.map(toGrant);
  }

  async accounts(search: string | null, first: number, after: string | null): Promise<Page<AccountRow>> {
    const params: unknown[] = [search ? `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%` : '%'];
    // A team's account is listed by its name (its app_user address is synthetic), and found by it.
    const [{ count }] = (await this.sql.query(
      `select count(*)::int as count from app_user u left join team t on t.id = u.id where u.email ilike $1 or t.name ilike $1`,
      params,
    )) as [{ count: number }];
    params.push(after ?? '', first + 1);
    const rows = await this.sql.query(
      `select u.id as user_id, a.id as account_id, coalesce(a.balance, 0) as balance, coalesce(a.held, 0) as held,
              coalesce(a.low_balance_threshold, 5000000) as threshold, u.email as sort_key, coalesce(t.name || ' (team)', u.email) as email, u.kind
       from app_user u left join credit_account a on a.user_id = u.id left join team t on t.id = u.id
       where (u.email ilike $1 or t.name ilike $1) and u.email > $2 order by u.email limit $3`,
      params,
    );
    const nodes: AccountRow[] = rows.slice(0, first).map((r) => ({
      userId: r.user_id,
      accountId: r.account_id,
      balance: BigInt(r.balance),
      held: BigInt(r.held),
      threshold: BigInt(r.threshold),
      email: r.email,
      kind: r.kind,
    }));
    const last = rows[nodes.length - 1];
    return { nodes, endCursor: last ? String(last.sort_key) : null, hasNextPage: rows.length > first, totalCount: count };
  }
}

export interface AccountRow {
  userId: string;
  accountId: string | null;
  /** A person's email, or a team's name + " (team)" (its app_user email is synthetic). */
  email: string;
  /** app_user.kind: 'person' or 'team'. */
  kind: string;
  balance: bigint;
  held: bigint;
  threshold: bigint;
}

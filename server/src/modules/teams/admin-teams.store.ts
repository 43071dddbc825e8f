import { BadUserInputError } from '../../platform/errors.js';
import { isUuid } from '../../platform/ids.js';
import { pageSize } from '../../platform/paging.js';
import type { Row, Sql } from '../../platform/sql.js';

export interface AdminTeamRecord {
  id: string;
  name: string;
  billingEmail: string;
  ownerEmail: string;
  memberCount: number;
  tierCode: string;
  balance: bigint;
  createdAt: Date;
}

export interface AdminTeamPage {
  nodes: AdminTeamRecord[];
  endCursor: string | null;
  hasNextPage: boolean;
  totalCount: number;
}

const MAX_PAGE = 100;
const MAX_SEARCH = 320;

/** One statement per page: the team, its longest-standing owner, its member count, tier and balance. */
const SELECT = `
  select t.id, t.name, t.billing_email, t.created_at, (extract(epoch from t.created_at) * 1000000)::bigint::text as created_us,
         u.tier_code, coalesce(a.balance, 0) as balance,
         (select count(*)::int from team_member m where m.team_id = t.id) as member_count,
         (select o.email from team_member m join app_user o on o.id = m.user_id
           where m.team_id = t.id and m.role = 'owner' order by m.joined_at, m.user_id limit 1) as owner_email
  from team t join app_user u on u.id = t.id left join credit_account a on a.user_id = t.id`;

const toRecord = (r: Row): AdminTeamRecord => ({
  id: r.id,
  name: r.name,
  billingEmail: r.billing_email,
  ownerEmail: r.owner_email ?? '',
  memberCount: r.member_count,
  tierCode: r.tier_code,
  balance: BigInt(r.balance),
  createdAt: new Date(r.created_at),
});

/** The console's team list: newest first; search matches the name or billing email (case-insensitive) or the id. */
export class AdminTeamsStore {
  constructor(private readonly sql: Sql) {}

  async search(rawSearch: string | null, rawFirst: number | null, after: string | null): Promise<AdminTeamPage> {
    const search = rawSearch?.trim() || null;
    if (search && search.length > MAX_SEARCH) throw new BadUserInputError(`search must be at most ${MAX_SEARCH} characters`, 'search');
    const first = pageSize(rawFirst, 25, MAX_PAGE);
    const params: unknown[] = [];
    const where: string[] = [];
    if (search) {
      params.push(`%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      where.push(isUuid(search) ? `(t.name ilike $1 or t.billing_email ilike $1 or t.id = $2)` : `(t.name ilike $1 or t.billing_email ilike $1)`);
      if (isUuid(search)) params.push(search);
    }
    const [{ count }] = (await this.sql.query(`select count(*)::int as count from team t ${where.length ? `where ${where.join(' and ')}` : ''}`, params)) as [
      { count: number },
    ];
    const cursor = after == null ? null : decodeCursor(after);
    if (cursor) {
      params.push(cursor.createdUs, cursor.id);
      where.push(`(t.created_at, t.id) < (timestamptz 'epoch' + $${params.length - 1}::bigint * interval '1 microsecond', $${params.length}::uuid)`);
    }
    params.push(first + 1);
    const rows = await this.sql.query(
      `${SELECT} ${where.length ? `where ${where.join(' and ')}` : ''} order by t.created_at desc, t.id desc limit $${params.length}`,
      params,
    );
    const last = rows[Math.min(first, rows.length) - 1];
    return {
      nodes: rows.slice(0, first).map(toRecord),
      endCursor: last ? Buffer.from(`${last.created_us}|${last.id}`).toString('base64url') : null,
      hasNextPage: rows.length > first,
      totalCount: count,
    };
  }
}

/** The cursor: the last row's created_at in microseconds since the epoch (exact) and its id, opaque to clients. */
function decodeCursor(after: string): { createdUs: string; id: string } {
  const bad = () => new BadUserInputError('after is not a cursor from this connection', 'after');
  if (after.length > 200 || !/^[A-Za-z0-9_-]+$/.test(after)) throw bad();
  const [createdUs, id, extra] = Buffer.from(after, 'base64url').toString('utf8').split('|');
  if (extra !== undefined || !id || !isUuid(id) || !createdUs || !/^\d{1,17}$/.test(createdUs)) throw bad();
  return { createdUs, id };
}

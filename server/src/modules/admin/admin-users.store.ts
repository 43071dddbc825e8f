import type { Sql } from '../../platform/sql.js';
import { BadUserInputError } from '../../platform/errors.js';
import { pageSize } from '../../platform/paging.js';
import { MAX_PAGE_SIZE } from '../ledger/index.js';
import { isUuid } from '../../platform/ids.js';
import type { AdminGrant, AdminUser } from './admin.types.js';

const MAX_GRANTS = 500;
/** An email is at most 254 characters; a little room for a pasted id or typo. */
const MAX_SEARCH = 320;

/**
 * The admin's user rows in one statement: the account's balance and holds (ledger), open debt
 * (billing_debt, as the accounts page reads it) and the subscription the user's own `subscription`
 * query would show (the newest live one, else the newest that is not an abandoned checkout).
 * A team's account (kind 'team') also carries its name, billing email and longest-standing owner
 * (as the console's Teams list names them), since its own app_user email is synthetic.
 */
const SELECT = `
  select u.id, u.email, u.role, u.tier_code, u.created_at, (extract(epoch from u.created_at) * 1000000)::bigint::text as created_us, u.suspended_at, u.suspended_reason,
         coalesce(a.balance, 0) as balance, coalesce(a.held, 0) as held,
         coalesce((select sum(d.credits - d.settled_credits) from billing_debt d
                   where d.user_id = u.id and d.settled_credits < d.credits), 0) as debt,
         (select s.status from subscription s
           where s.user_id = u.id and not (s.status = 'incomplete' and s.checkout_status in ('failed', 'canceled'))
           order by (s.status in ('active', 'past_due', 'trialing')) desc, s.created_at desc limit 1) as subscription_status,
         u.kind, t.name as team_name, t.billing_email,
         (select o.email from team_member m join app_user o on o.id = m.user_id
           where m.team_id = t.id and m.role = 'owner' order by m.joined_at, m.user_id limit 1) as owner_email
  from app_user u left join credit_account a on a.user_id = u.id left join team t on t.id = u.id`;

export interface UserPage {
  nodes: AdminUser[];
  endCursor: string | null;
  hasNextPage: boolean;
  totalCount: number;
}

/** Newest first; the cursor is the last row's (created_at to the microsecond, id), opaque to clients. */
export class AdminUsersStore {
  constructor(private readonly sql: Sql) {}

  async get(id: string): Promise<AdminUser | null> {
    if (!isUuid(id)) return null;
    const rows = await this.sql.query(`${SELECT} where u.id = $1`, [id]);
    return rows[0] ? toAdminUser(rows[0]) : null;
  }

  /** Newest first, at most MAX_GRANTS; spent and expired ones too when `all`. */
  async grants(userId: string, all: boolean): Promise<AdminGrant[]> {
    const rows = await this.sql.query(
      `select g.id, g.source, g.amount, g.remaining, g.expires_at, g.reference, g.created_at
       from credit_grant g join credit_account a on a.id = g.account_id
       where a.user_id = $1 ${all ? '' : 'and g.remaining > 0'} order by g.created_at desc, g.id desc limit ${MAX_GRANTS}`,
      [userId],
    );
    return rows.map((r) => ({
      id: r.id,
      source: r.source,
      amount: BigInt(r.amount),
      remaining: BigInt(r.remaining),
      expiresAt: r.expires_at ? new Date(r.expires_at) : null,
      reference: r.reference ?? null,
      createdAt: new Date(r.created_at),
    }));
  }

  /** `rawSearch`: part of an email or a user id (blank: everyone); `first`: 1..100, 25 by default. */
  async search(rawSearch: string | null, rawFirst: number | null, after: string | null): Promise<UserPage> {
    const search = rawSearch?.trim() || null;
    if (search && search.length > MAX_SEARCH) throw new BadUserInputError(`search must be at most ${MAX_SEARCH} characters`, 'search');
    const first = pageSize(rawFirst, 25, MAX_PAGE_SIZE);
    const params: unknown[] = [];
    // Teams' account holders are listed by adminTeams (modules/teams), not as users.
    const where: string[] = [`u.kind = 'person'`];
    if (search) {
      params.push(`%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
      // An id matches exactly; anything else is an email part (ilike: case-insensitive).
      where.push(isUuid(search) ? `(u.email ilike $1 or u.id = $2)` : `u.email ilike $1`);
      if (isUuid(search)) params.push(search);
    }
    const filter = where.length ? `where ${where.join(' and ')}` : '';
    const [{ count }] = (await this.sql.query(`select count(*)::int as count from app_user u ${filter}`, params)) as [{ count: number }];
    const cursor = after === null ? null : decodeCursor(after);
    if (cursor) {
      params.push(cursor.createdAt, cursor.id);
      where.push(`(u.created_at, u.id) < (timestamptz 'epoch' + $${params.length - 1}::bigint * interval '1 microsecond', $${params.length}::uuid)`);
    }
    params.push(first + 1);
    const rows = await this.sql.query(
      `${SELECT} ${where.length ? `where ${where.join(' and ')}` : ''} order by u.created_at desc, u.id desc limit $${params.length}`,
      params,
    );
    const nodes = rows.slice(0, first).map(toAdminUser);
    const last = rows[Math.min(first, rows.length) - 1];
    return { nodes, endCursor: last ? encodeCursor(last) : null, hasNextPage: rows.length > first, totalCount: count };
  }
}

function encodeCursor(row: Record<string, any>): string {
  return Buffer.from(`${row.created_us}|${row.id}`).toString('base64url');
}

function decodeCursor(after: string): { createdAt: string; id: string } {
  // createdAt: microseconds since the epoch, as text (exact, unlike a JS Date's milliseconds).
  const bad = () => new BadUserInputError('after is not a cursor from this connection', 'after');
  if (after.length > 200 || !/^[A-Za-z0-9_-]+$/.test(after)) throw bad();
  const [createdAt, id, extra] = Buffer.from(after, 'base64url').toString('utf8').split('|');
  if (extra !== undefined || !id || !isUuid(id) || !createdAt || !/^\d{1,17}$/.test(createdAt)) throw bad();
  return { createdAt, id };
}

export function toAdminUser(r: Record<string, any>): AdminUser {
  const balance = BigInt(r.balance);
  const held = BigInt(r.held);
  return {
    id: r.id,
    email: r.email,
    kind: r.kind,
    teamName: r.team_name ?? null,
    billingEmail: r.billing_email ?? null,
    ownerEmail: r.owner_email ?? null,
    role: r.role,
    tierCode: r.tier_code,
    createdAt: new Date(r.created_at),
    suspendedAt: r.suspended_at ? new Date(r.suspended_at) : null,
    suspendedReason: r.suspended_reason ?? null,
    balance,
    held,
    available: balance - held,
    debt: BigInt(r.debt),
    subscriptionStatus: r.subscription_status ? String(r.subscription_status).toUpperCase() : null,
  };
}

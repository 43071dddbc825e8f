import { BadUserInputError } from '../../platform/errors.js';
import { pageSize } from '../../platform/paging.js';
import { MAX_PAGE_SIZE } from '../ledger/index.js';
import type { Sql } from '../../platform/sql.js';
import { isUuid } from '../../platform/ids.js';
import type { AdminAuditEntry } from './admin.types.js';

export interface AuditRecord {
  actorId: string | null;
  actorEmail: string;
  action: string;
  targetType: string;
  targetId: string | null;
  summary: string;
  args: unknown;
  before: unknown;
  after: unknown;
}

export interface AuditFilter {
  /** 1..100, 50 by default. */
  first: number | null;
  after: string | null;
  action: string | null;
  actorId: string | null;
  targetId: string | null;
}

const json = (value: unknown) => (value === null || value === undefined ? null : JSON.stringify(value));

/** admin_audit through raw SQL: append, and read newest first with seq as the cursor. */
export class AuditStore {
  constructor(private readonly sql: Sql) {}

  async append(r: AuditRecord): Promise<void> {
    await this.sql.query(
      `insert into admin_audit (actor_id, actor_email, action, target_type, target_id, summary, args, before, after)
       values ($1, $2, $3, $4, $5, $6, $7::jsonb, $8::jsonb, $9::jsonb)`,
      [r.actorId, r.actorEmail, r.action, r.targetType, r.targetId, r.summary, json(r.args), json(r.before), json(r.after)],
    );
  }

  async list(filter: AuditFilter): Promise<{ nodes: AdminAuditEntry[]; endCursor: string | null; hasNextPage: boolean; totalCount: number }> {
    const first = pageSize(filter.first, 50, MAX_PAGE_SIZE);
    if (filter.after !== null && !/^\d{1,18}$/.test(filter.after)) throw new BadUserInputError('after is not a cursor from this connection', 'after');
    // A malformed actor id matches no row (ids are uuids) rather than failing the cast.
    if (filter.actorId !== null && !isUuid(filter.actorId)) return { nodes: [], endCursor: null, hasNextPage: false, totalCount: 0 };
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (clause: string, value: unknown) => {
      params.push(value);
      where.push(clause.replace('?', `$${params.length}`));
    };
    const action = filter.action?.trim() || null;
    if (action) add('action = ?', action);
    if (filter.actorId) add('actor_id = ?', filter.actorId);
    if (filter.targetId) add('target_id = ?', filter.targetId);
    const [{ count }] = (await this.sql.query(
      `select count(*)::int as count from admin_audit ${where.length ? `where ${where.join(' and ')}` : ''}`,
      params,
    )) as [{ count: number }];
    if (filter.after !== null) add('seq < ?', filter.after);
    params.push(first + 1);
    const rows = await this.sql.query(
      `select id, seq, actor_id, actor_email, action, target_type, target_id, summary, args, before, after, created_at
       from admin_audit ${where.length ? `where ${where.join(' and ')}` : ''} order by seq desc limit $${params.length}`,
      params,
    );
    const page = rows.slice(0, first);
    const last = page[page.length - 1];
    return { nodes: page.map(toEntry), endCursor: last ? String(last.seq) : null, hasNextPage: rows.length > first, totalCount: count };
  }
}

function toEntry(r: Record<string, any>): AdminAuditEntry {
  return {
    id: r.id,
    actorId: r.actor_id,
    actorEmail: r.actor_email,
    action: r.action,
    targetType: r.target_type,
    targetId: r.target_id,
    summary: r.summary,
    args: json(r.args),
    before: json(r.before),
    after: json(r.after),
    createdAt: new Date(r.created_at),
  };
}

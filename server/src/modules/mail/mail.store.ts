import { pageSize, seqCursor } from '../../platform/paging.js';
import type { Sql } from '../../platform/sql.js';
import { billingEmail } from '../billing/index.js';
import type { MailKind, OutgoingMail } from './mail.types.js';

export type MailStatus = 'sent' | 'failed' | 'suppressed';
export type MailTransport = 'smtp' | 'outbox';

export interface OutboxEntry {
  id: string;
  seq: string;
  userId: string | null;
  kind: string;
  to: string;
  subject: string;
  text: string;
  status: MailStatus;
  transport: MailTransport;
  error: string | null;
  createdAt: Date;
}

export interface OutboxPage {
  nodes: OutboxEntry[];
  endCursor: string | null;
  hasNextPage: boolean;
  totalCount: number;
}

const MAX_PAGE = 100;

/** mail_outbox and notification_preference through raw SQL. */
export class MailStore {
  constructor(private readonly sql: Sql) {}

  async record(mail: OutgoingMail, status: MailStatus, transport: MailTransport, error: string | null): Promise<void> {
    await this.sql.query(
      `insert into mail_outbox (user_id, kind, to_address, subject, text, status, transport, error) values ($1, $2, $3, $4, $5, $6, $7, $8)`,
      [mail.userId, mail.kind, mail.to, mail.subject, mail.text, status, transport, error],
    );
  }

  /** Newest first; `to` matches the address case-insensitively. */
  async list(args: { first?: number | null; after?: string | null; to?: string | null }): Promise<OutboxPage> {
    const first = pageSize(args.first, 50, MAX_PAGE);
    const after = seqCursor(args.after);
    const to = args.to?.trim() || null;
    const [{ count }] = (await this.sql.query(`select count(*)::int as count from mail_outbox where ($1::text is null or lower(to_address) = lower($1))`, [
      to,
    ])) as [{ count: number }];
    const rows = await this.sql.query(
      `select id, seq, user_id, kind, to_address, subject, text, status, transport, error, created_at from mail_outbox
       where ($1::text is null or lower(to_address) = lower($1)) and ($2::bigint is null or seq < $2)
       order by seq desc limit $3`,
      [to, after === null ? null : after.toString(), first + 1],
    );
    const page = rows.slice(0, first).map((r): OutboxEntry => ({
      id: r.id,
      seq: String(r.seq),
      userId: r.user_id,
      kind: r.kind,
      to: r.to_address,
      subject: r.subject,
      text: r.text,
      status: r.status,
      transport: r.transport,
      error: r.error,
      createdAt: new Date(r.created_at),
    }));
    return { nodes: page, endCursor: page.length ? page[page.length - 1].seq : null, hasNextPage: rows.length > first, totalCount: count };
  }

  /** The kinds this user turned off or on explicitly. */
  async preferences(userId: string): Promise<Map<string, boolean>> {
    const rows = await this.sql.query(`select kind, enabled from notification_preference where user_id = $1`, [userId]);
    return new Map(rows.map((r) => [r.kind as string, Boolean(r.enabled)]));
  }

  async enabled(userId: string, kind: MailKind): Promise<boolean> {
    const rows = await this.sql.query(`select enabled from notification_preference where user_id = $1 and kind = $2`, [userId, kind]);
    return rows.length === 0 || Boolean(rows[0].enabled);
  }

  async setPreference(userId: string, kind: MailKind, enabled: boolean): Promise<void> {
    await this.sql.query(
      `insert into notification_preference (user_id, kind, enabled) values ($1, $2, $3)
       on conflict (user_id, kind) do update set enabled = excluded.enabled, updated_at = now()`,
      [userId, kind, enabled],
    );
  }

  /** The account's address (a team's: its billing e-mail), or null when there is no such account. */
  emailOf(userId: string): Promise<string | null> {
    return billingEmail(this.sql, userId);
  }
}

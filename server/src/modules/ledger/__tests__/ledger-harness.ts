import { randomUUID } from 'node:crypto';
import { expect } from 'vitest';
import { connectDatabase, migrate } from '../../../platform/db.js';
import { DomainError, type ErrorCode } from '../../../platform/errors.js';
import { createLogger } from '../../../platform/logger.js';
import { SqlPool } from '../../../platform/sql.js';
import { createTestDatabase, withClient } from '../../../test-support/database.js';
import type { Actor, Balance } from '../ledger.domain.js';
import type { Clock } from '../../../platform/clock.js';
import { LedgerService, type LedgerEvents } from '../ledger.service.js';

/** A clock the test moves by hand, so expiry and hold deadlines are reached without waiting. */
export class TestClock implements Clock {
  constructor(private current = new Date('2031-01-01T00:00:00.000Z')) {}
  now = (): Date => new Date(this.current.getTime());
  advance(ms: number): Date {
    this.current = new Date(this.current.getTime() + ms);
    return this.now();
  }
  /** A moment `ms` from now (for `expiresAt`). */
  in(ms: number): Date {
    return new Date(this.current.getTime() + ms);
  }
}

/** Records what the service publishes after commit. */
export class RecordedEvents implements LedgerEvents {
  readonly changed: Balance[] = [];
  readonly low: Balance[] = [];
  balanceChanged = (balance: Balance): void => {
    this.changed.push(balance);
  };
  lowBalance = (balance: Balance): void => {
    this.low.push(balance);
  };
  changedFor(userId: string): Balance[] {
    return this.changed.filter((b) => b.userId === userId);
  }
  lowFor(userId: string): Balance[] {
    return this.low.filter((b) => b.userId === userId);
  }
  clear(): void {
    this.changed.length = 0;
    this.low.length = 0;
  }
}

export const SECOND = 1000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** Whole credits as micro-credits. */
export const credits = (n: number | bigint): bigint => BigInt(n) * 1_000_000n;

export const userActor = (userId: string): Actor => ({ type: 'user', id: userId });

export interface LedgerHarness {
  url: string;
  /** The pool the service uses; tests read tables through it too. */
  sql: SqlPool;
  service: LedgerService;
  events: RecordedEvents;
  clock: TestClock;
  createUser(): Promise<string>;
  /** Another service on its own pool, like a second replica on the same database. */
  replica(events?: LedgerEvents): LedgerService;
  close(): Promise<void>;
}

/**
 * A database of this test file's own, migrated, with a LedgerService on it driven by a test clock.
 * Commits skip the WAL flush: durability is not under test here, and the property test commits
 * tens of thousands of times.
 */
export async function startLedgerHarness(options: { poolSize?: number } = {}): Promise<LedgerHarness> {
  const db = await createTestDatabase();
  const name = new URL(db.url).pathname.slice(1);
  await withClient(db.url, (c) => c.query(`alter database ${name} set synchronous_commit = off`));
  const log = createLogger('silent');
  const orm = await connectDatabase(db.url, log);
  try {
    await migrate(orm, db.url, log);
  } finally {
    await orm.close(true);
  }
  const sql = new SqlPool(db.url, options.poolSize ?? 20);
  const events = new RecordedEvents();
  const clock = new TestClock();
  const extraPools: SqlPool[] = [];
  return {
    url: db.url,
    sql,
    service: new LedgerService(sql, events, clock),
    events,
    clock,
    createUser: () => insertUser(sql),
    replica(replicaEvents = new RecordedEvents()) {
      const pool = new SqlPool(db.url, options.poolSize ?? 20);
      extraPools.push(pool);
      return new LedgerService(pool, replicaEvents, clock);
    },
    async close() {
      for (const pool of extraPools) await pool.close();
      await sql.close();
      await db.drop();
    },
  };
}

export async function insertUser(sql: SqlPool): Promise<string> {
  const id = randomUUID();
  await sql.query(`insert into app_user (id, email, password_hash) values ($1, $2, 'x')`, [id, `${id}@ledger.test`]);
  return id;
}

/** Awaits `promise`, which must reject with a DomainError; returns its code. */
export async function errorCodeOf(promise: Promise<unknown>): Promise<ErrorCode> {
  let result: unknown;
  try {
    result = await promise;
  } catch (err) {
    if (err instanceof DomainError) return err.code;
    throw err;
  }
  throw new Error(`expected a DomainError, but the call succeeded with ${stringify(result)}`);
}

export async function expectDomainError(promise: Promise<unknown>, code: ErrorCode): Promise<void> {
  expect(await errorCodeOf(promise)).toBe(code);
}

export const stringify = (value: unknown): string => JSON.stringify(value, (_k, v) => (typeof v === 'bigint' ? `${v}n` : v));

export const LEDGER_TABLES = ['credit_account', 'ledger_entry', 'credit_grant', 'ledger_entry_grant', 'credit_hold', 'low_balance_alert'] as const;

/** Row counts of every ledger table, to show that a refused call wrote nothing. */
export async function rowCounts(sql: SqlPool): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of LEDGER_TABLES) {
    const [row] = await sql.query(`select count(*)::int as n from ${table}`);
    counts[table] = row!.n;
  }
  return counts;
}

/** Empties every ledger table (users stay), so a sweep in one test never meets another test's grants. */
export async function resetLedger(sql: SqlPool): Promise<void> {
  await sql.query(`truncate ${LEDGER_TABLES.join(', ')} cascade`);
}

export async function accountIdOf(sql: SqlPool, userId: string): Promise<string> {
  const [row] = await sql.query(`select id from credit_account where user_id = $1`, [userId]);
  if (!row) throw new Error(`no account for ${userId}`);
  return row.id;
}

/** The grant created by a grant or refund entry. */
export async function grantOfEntry(
  sql: SqlPool,
  entryId: string,
): Promise<{ id: string; remaining: bigint; priority: number; expiresAt: Date | null; refundOf: string | null }> {
  const [row] = await sql.query(`select id, remaining, priority, expires_at, refund_of_entry_id from credit_grant where entry_id = $1`, [entryId]);
  if (!row) throw new Error(`no grant for entry ${entryId}`);
  return { id: row.id, remaining: BigInt(row.remaining), priority: row.priority, expiresAt: row.expires_at, refundOf: row.refund_of_entry_id };
}

/** Which grants an entry drew from, and how much from each (grant id → amount). */
export async function drawsOf(sql: SqlPool, entryId: string): Promise<Record<string, bigint>> {
  const rows = await sql.query(`select grant_id, amount from ledger_entry_grant where entry_id = $1`, [entryId]);
  return Object.fromEntries(rows.map((r) => [r.grant_id, BigInt(r.amount)]));
}

export async function entriesOf(
  sql: SqlPool,
  userId: string,
  type?: string,
): Promise<Array<{ id: string; type: string; amount: bigint; reference: string | null }>> {
  const rows = await sql.query(
    `select e.id, e.type, e.amount, e.reference from ledger_entry e join credit_account a on a.id = e.account_id
     where a.user_id = $1 and ($2::text is null or e.type = $2) order by e.seq`,
    [userId, type ?? null],
  );
  return rows.map((r) => ({ id: r.id, type: r.type, amount: BigInt(r.amount), reference: r.reference }));
}

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../test-support/app.js';
import { withClient } from '../../test-support/database.js';
import type { PooledClient } from '../sql.js';

/**
 * One connection pool per process: the EntityManager and named SQL (SqlPool) check out the same
 * PostgreSQL connections, DATABASE_POOL_MAX of them at most, and shutdown closes them once.
 */
const MAX = 3;
let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ DATABASE_POOL_MAX: String(MAX) });
  await t.app.sql.query('create table pool_probe (id int primary key)');
});
afterAll(async () => {
  await t?.stop();
});

const dbName = () => new URL(t.databaseUrl).pathname.slice(1);
/** The app's backends on its database, seen from a connection of the test's own. */
const backends = () =>
  withClient(t.databaseUrl, async (c) => {
    const found = await c.query<{ pid: number; application_name: string }>(
      'select pid, application_name from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()',
      [dbName()],
    );
    return found.rows;
  });
const pidOf = async (client: PooledClient) => (await client.query({ text: 'select pg_backend_pid() as pid', values: [] })).rows[0].pid as number;
const emPid = async () => ((await t.app.orm.em.getConnection().execute('select pg_backend_pid() as pid')) as Array<{ pid: number }>)[0].pid;

describe('one pool', () => {
  it('holding every connection of SqlPool leaves the EntityManager only the one released: they share the pool', async () => {
    const held = await Promise.all(Array.from({ length: MAX }, () => t.app.sql.pool.connect()));
    const pids = await Promise.all(held.map(pidOf));
    expect(new Set(pids).size).toBe(MAX);
    // The pool's backends (application_name tollgate) are exactly these. Anything else the app opens
    // is a single dedicated session (tollgate-<role>, e.g. a LISTEN connection), never a second pool.
    const open = await backends();
    expect(
      open
        .filter((b) => b.application_name === 'tollgate')
        .map((b) => b.pid)
        .sort(),
    ).toEqual([...pids].sort());
    const others = open.filter((b) => b.application_name !== 'tollgate').map((b) => b.application_name);
    expect(others.every((name) => /^tollgate-[a-z]+$/.test(name))).toBe(true);
    expect(new Set(others).size).toBe(others.length);
    held[0].release();
    // The pool is at its size, so the EntityManager's query can only run on the connection just released.
    expect(await emPid()).toBe(pids[0]);
    held.slice(1).forEach((c) => c.release());
  });

  it('a burst of named SQL and EntityManager queries never opens more than DATABASE_POOL_MAX connections', async () => {
    const raw = Array.from({ length: 8 }, () => t.app.sql.query<{ pid: number }>('select pg_backend_pid() as pid from pg_sleep(0.01)'));
    const orm = Array.from({ length: 8 }, () => t.app.orm.em.getConnection().execute('select pg_backend_pid() as pid from pg_sleep(0.01)'));
    const seen = new Set([...(await Promise.all(raw)).map((r) => r[0].pid), ...(await Promise.all(orm)).map((r) => (r as Array<{ pid: number }>)[0].pid)]);
    expect(seen.size).toBeLessThanOrEqual(MAX);
    expect((await backends()).filter((b) => b.application_name === 'tollgate').length).toBeLessThanOrEqual(MAX);
  });

  it('a named statement is one round trip: nothing else (no SET, BEGIN or savepoint) goes with it', async () => {
    const proto = Object.getPrototypeOf(await rawConnection());
    const sent: string[] = [];
    const original = proto.query;
    proto.query = function (this: unknown, ...args: unknown[]) {
      sent.push(typeof args[0] === 'string' ? args[0] : String((args[0] as { text?: string })?.text));
      return original.apply(this, args);
    };
    try {
      await t.app.sql.query('select 1 as one_round_trip');
    } finally {
      proto.query = original;
    }
    expect(sent.filter((s) => /one_round_trip/.test(s))).toHaveLength(1);
    expect(sent.filter((s) => /^\s*(set|begin|start|savepoint|select version)/i.test(s))).toEqual([]);
  });

  it('named SQL still parses timestamps into Dates (the ORM reads them as strings on the same connections)', async () => {
    const [row] = await t.app.sql.query<{ at: unknown; day: unknown }>('select now() as at, current_date as day');
    expect(row.at).toBeInstanceOf(Date);
    expect(row.day).toBeInstanceOf(Date);
    const [emRow] = (await t.app.orm.em.getConnection().execute('select now() as at')) as Array<{ at: unknown }>;
    expect(typeof emRow.at).toBe('string');
  });

  it('a transaction that throws rolls back, and its connection goes back to the pool', async () => {
    for (let i = 0; i < MAX * 3; i++) {
      await expect(
        t.app.sql.transaction(async (tx) => {
          await tx.query('insert into pool_probe (id) values ($1)', [i]);
          throw new Error('roll me back');
        }),
      ).rejects.toThrow('roll me back');
    }
    // A statement error inside the transaction rolls back what came before it too.
    await expect(
      t.app.sql.transaction(async (tx) => {
        await tx.query('insert into pool_probe (id) values (100)');
        await tx.query('insert into pool_probe (id) values (100)');
      }),
    ).rejects.toThrow(/duplicate key/);
    expect(await t.app.sql.query('select id from pool_probe')).toEqual([]);
    await t.app.sql.transaction((tx) => tx.query('insert into pool_probe (id) values (7)'));
    expect(await t.app.sql.query('select id from pool_probe')).toEqual([{ id: 7 }]);
  });

  it('shutdown closes the pool once: no backend left, SqlPool marked ending', async () => {
    await t.app.stop();
    expect(t.app.sql.pool.ending).toBe(true);
    expect(await backends()).toEqual([]);
    await expect(t.app.sql.query('select 1')).rejects.toThrow(/closing/);
  });
});

/** One of the pool's `pg` clients (SqlPool's view wraps them): its class's `query` sees every statement sent. */
async function rawConnection(): Promise<object> {
  const knex = t.app.orm.em.getConnection().getKnex() as unknown as {
    client: { acquireConnection(): Promise<object>; releaseConnection(c: object): Promise<void> };
  };
  const connection = await knex.client.acquireConnection();
  await knex.client.releaseConnection(connection);
  return connection;
}

import { Counter, Gauge } from 'prom-client';
import { PREFIX, registry } from './registry.js';

/** A connection pool's state at scrape time. */
export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

const pools = new Map<string, Set<() => PoolStats | null>>();

// Read at scrape time from the pools themselves: nothing on the query path updates a gauge.
new Gauge({
  name: `${PREFIX}db_pool_connections`,
  help: 'PostgreSQL pool connections by pool and state: total (open), idle, waiting (callers queued for one).',
  labelNames: ['pool', 'state'] as const,
  registers: [registry],
  collect() {
    this.reset();
    for (const [pool, sources] of pools) {
      const sum = { total: 0, idle: 0, waiting: 0 };
      let any = false;
      for (const read of sources) {
        const stats = read();
        if (!stats) continue;
        any = true;
        sum.total += stats.total;
        sum.idle += stats.idle;
        sum.waiting += stats.waiting;
      }
      if (!any) continue;
      for (const state of ['total', 'idle', 'waiting'] as const) this.set({ pool, state }, sum[state]);
    }
  },
});

/**
 * The composition root registers each pool it opens (a getter returning null skips a scrape).
 * Several apps in one process add up under one name. Returns the unregister for app.stop().
 */
export function registerPoolGauges(getStats: () => PoolStats | null, pool = 'main'): () => void {
  const sources = pools.get(pool) ?? new Set();
  pools.set(pool, sources);
  sources.add(getStats);
  return () => void sources.delete(getStats);
}

interface TarnPool {
  numUsed(): number;
  numFree(): number;
  numPendingAcquires(): number;
  numPendingCreates(): number;
}

/** MikroORM's pool (knex's, a tarn pool); null once it is closed. `orm` is a MikroORM instance. */
export function ormPoolStats(orm: { em: { getConnection(): unknown } }): PoolStats | null {
  const connection = orm.em.getConnection() as { getKnex?: () => { client?: { pool?: TarnPool } } };
  const pool = connection.getKnex?.().client?.pool;
  if (!pool) return null;
  const idle = pool.numFree();
  return { total: pool.numUsed() + idle + pool.numPendingCreates(), idle, waiting: pool.numPendingAcquires() };
}

/** What the backplane's connections report (platform/backplane/outage.ts), per OutageLog. */
const backplanes = new Set<Map<string, boolean>>();

new Gauge({
  name: `${PREFIX}backplane_connection_up`,
  help: 'Redis backplane connections: 1 up, 0 down (a connection appears once it first changed state).',
  labelNames: ['connection'] as const,
  registers: [registry],
  collect() {
    this.reset();
    const merged = new Map<string, boolean>();
    for (const states of backplanes) for (const [name, up] of states) merged.set(name, (merged.get(name) ?? true) && up);
    for (const [name, up] of merged) this.set({ connection: name }, up ? 1 : 0);
  },
});

new Gauge({
  name: `${PREFIX}backplane_up`,
  help: '1 while every Redis backplane connection is up (or there is no Redis), 0 while any is down.',
  registers: [registry],
  collect() {
    this.set([...backplanes].some((states) => [...states.values()].includes(false)) ? 0 : 1);
  },
});

const backplaneTransitions = new Counter({
  name: `${PREFIX}backplane_transitions_total`,
  help: 'Backplane connections going down or coming back up, by connection (flapping between scrapes shows here).',
  labelNames: ['connection', 'to'] as const,
  registers: [registry],
});

/** One OutageLog's hook: `changed` on each transition it reports, `forget` once it closes. */
export function trackBackplane(): { changed(connection: string, up: boolean): void; forget(): void } {
  const states = new Map<string, boolean>();
  backplanes.add(states);
  return {
    changed(connection, up) {
      states.set(connection, up);
      backplaneTransitions.inc({ connection, to: up ? 'up' : 'down' });
    },
    forget: () => void backplanes.delete(states),
  };
}

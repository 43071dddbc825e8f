/** Clients for the three-instance load test: a balanceChanged watch, a bounded-concurrency runner, and each account's ledger read from the database. */
import type { Client } from 'graphql-ws';
import { data, gql, rows, wsClient } from '../../modules/gateway/__tests__/process-support.js';
import { waitFor, type ServerProcess } from '../../test-support/server-process.js';

const BALANCE_CHANGED = 'subscription { balanceChanged { balance held available } }';
const SET_THRESHOLD = 'mutation($t: Credits!) { setLowBalanceThreshold(threshold: $t) { lowBalanceThreshold } }';

export interface BalanceEvent {
  balance: string;
  held: string;
  available: string;
}

export interface BalanceWatch {
  client: Client;
  events: BalanceEvent[];
  errors: unknown[];
}

/** A balanceChanged subscription of the token's own account on `server`. */
export function watchBalance(server: ServerProcess, token: string): BalanceWatch {
  const client = wsClient(server, token);
  const watch: BalanceWatch = { client, events: [], errors: [] };
  client.subscribe(
    { query: BALANCE_CHANGED },
    {
      next: (msg: any) => {
        if (msg.errors) watch.errors.push(...msg.errors);
        else watch.events.push(msg.data.balanceChanged);
      },
      error: (err) => watch.errors.push(err),
      complete: () => undefined,
    },
  );
  return watch;
}

let probes = 0;
/**
 * The server does not say when a subscription listens (with Redis, SUBSCRIBE completes
 * asynchronously): the account's low-balance threshold is changed on the watching instance, which
 * publishes its balance through the backplane, until one such event comes back. A bound, not a timing.
 */
export async function untilLive(server: ServerProcess, token: string, watch: BalanceWatch): Promise<void> {
  for (let attempt = 0; attempt < 50; attempt += 1) {
    if (watch.errors.length) throw new Error(`subscription failed: ${JSON.stringify(watch.errors)}`);
    const seen = watch.events.length;
    probes += 1;
    data(await gql(server, SET_THRESHOLD, { t: `4.${String(probes).padStart(6, '0')}` }, token), 'setLowBalanceThreshold');
    const arrived = await waitFor(() => watch.events.length > seen, 'a probe event', 300).then(
      () => true,
      () => false,
    );
    if (arrived) return;
  }
  throw new Error('the subscription never started listening');
}

/** Runs every task with at most `width` in flight; resolves with their results in order. */
export async function inFlight<T>(tasks: Array<() => Promise<T>>, width: number): Promise<T[]> {
  const results = new Array<T>(tasks.length);
  let next = 0;
  const lane = async () => {
    while (next < tasks.length) {
      const i = next++;
      results[i] = await tasks[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, tasks.length) }, lane));
  return results;
}

/** A deterministic shuffle (the spread over instances and accounts must not depend on luck). */
export function interleave<T>(items: T[], seed = 7): T[] {
  const out = [...items];
  let s = seed;
  for (let i = out.length - 1; i > 0; i -= 1) {
    s = (s * 1103515245 + 12345) % 2 ** 31;
    const j = s % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

export interface AccountLedger {
  userId: string;
  balance: bigint;
  held: bigint;
  /** Everything ever granted to the account (sign-up credit, admin grants). */
  granted: bigint;
  /** Taken out by other debits (an admin deduction), as a positive amount. */
  debited: bigint;
  /** The sum of `charged` over its usage events. */
  charged: bigint;
  /** The daily rollup's charged sum and request count, kept in the statement that writes each event. */
  rollupCharged: bigint;
  rollupRequests: number;
  /** Its successful (status ok) usage events. */
  okEvents: number;
  activeHolds: number;
}

/** Each account's balance, grants, charges and open holds, read from PostgreSQL itself. */
export async function accountLedgers(url: string, userIds: string[]): Promise<Map<string, AccountLedger>> {
  const found = await rows(
    url,
    `select a.user_id, a.balance::text, a.held::text,
       (select coalesce(sum(g.amount), 0) from credit_grant g where g.account_id = a.id)::text as granted,
       (select coalesce(-sum(e.amount), 0) from ledger_entry e where e.account_id = a.id and e.amount < 0 and e.type <> 'usage')::text as debited,
       (select coalesce(sum(u.charged), 0) from usage_event u where u.user_id = a.user_id)::text as charged,
       (select coalesce(sum(d.charged), 0) from usage_daily d where d.user_id = a.user_id)::text as rollup_charged,
       (select coalesce(sum(d.requests), 0) from usage_daily d where d.user_id = a.user_id)::int as rollup_requests,
       (select count(*) from usage_event u where u.user_id = a.user_id and u.status = 'ok')::int as ok_events,
       (select count(*) from credit_hold h where h.account_id = a.id and h.status = 'active')::int as active_holds
     from credit_account a where a.user_id = any($1)`,
    [userIds],
  );
  return new Map(
    found.map((r) => [
      r.user_id,
      {
        userId: r.user_id,
        balance: BigInt(r.balance),
        held: BigInt(r.held),
        granted: BigInt(r.granted),
        debited: BigInt(r.debited),
        charged: BigInt(r.charged),
        rollupCharged: BigInt(r.rollup_charged),
        rollupRequests: r.rollup_requests,
        okEvents: r.ok_events,
        activeHolds: r.active_holds,
      },
    ]),
  );
}

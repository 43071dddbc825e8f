import { randomUUID } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import WebSocket from 'ws';
import { errorCode, startTestApp, type TestApp } from '../../../test-support/app.js';
import { CREATE_KEY } from '../../auth/__tests__/helpers.js';
import { ledgerAudit, ok, signInAdmin } from '../../gateway/__tests__/support.js';
import * as q from './teams-support.js';
import { acting, createTeam, join, person, type Person } from './teams-support.js';

/**
 * Membership changes on two servers sharing one PostgreSQL and one Redis: with B's principal cache
 * warm for a member's team key and their session acting for the team, a removal (or leaving, or a
 * demotion) on A holds on B from the very next request; the person's own key and session go on.
 * Their live subscriptions on B acting for the team are closed; those on their own account stay.
 */
const redisUrl = inject('redisUrl');
const BALANCE = '{ creditBalance { balance } }';
const THRESHOLD = 'mutation($v: Credits!) { setLowBalanceThreshold(threshold: $v) { lowBalanceThreshold } }';

let a: TestApp;
let b: TestApp;
let admin: string;
const clients: Client[] = [];

beforeAll(async () => {
  if (!redisUrl) return;
  const env = { REDIS_URL: redisUrl, REDIS_KEY_PREFIX: `t-teams-${process.pid}-${randomUUID().slice(0, 8)}:` };
  a = await startTestApp(env);
  b = await startTestApp(env, { databaseUrl: a.databaseUrl });
  admin = await signInAdmin(a);
});
afterAll(async () => {
  await Promise.all(clients.map((c) => c.dispose()));
  await b?.stop();
  await a?.stop();
});

const key = async (t: TestApp, who: Person, teamId?: string) =>
  ok(await t.gql(CREATE_KEY, { input: { name: 'k', scopes: ['read', 'completions'] } }, who.token, teamId ? acting(teamId) : {}), 'createApiKey')
    .secret as string;

/** Enough requests on B for every credential to be served from its cache. */
async function warm(teamId: string, who: Person, teamKey: string, ownKey: string) {
  for (let i = 0; i < 3; i += 1) {
    expect((await b.gql(BALANCE, {}, teamKey)).errors).toBeUndefined();
    expect((await b.gql(BALANCE, {}, who.token, acting(teamId))).errors).toBeUndefined();
    expect((await b.gql(BALANCE, {}, ownKey)).errors).toBeUndefined();
  }
}

/** What B answers the person right after the change on A. */
async function refusedOnB(teamId: string, who: Person, teamKey: string, ownKey: string) {
  expect(errorCode(await b.gql(BALANCE, {}, teamKey))).toBe('UNAUTHENTICATED');
  const bySession = await b.gql(BALANCE, {}, who.token, acting(teamId));
  expect(errorCode(bySession)).toBe('FORBIDDEN');
  expect(bySession.errors?.[0]?.message).toBe('You are not a member of that team');
  expect((await b.gql(BALANCE, {}, ownKey)).errors).toBeUndefined();
  expect((await b.gql(BALANCE, {}, who.token)).errors).toBeUndefined();
  expect(errorCode(await b.gql(q.TEAM, { id: teamId }, who.token))).toBe('NOT_FOUND');
}

const GRANT = 'mutation($i: AdminCreditInput!) { adminGrantCredits(input: $i) { id } }';

/** A balanceChanged subscription on B for `account` (connectionParams.account): its events, and how the server ended it. */
function watchBalance(token: string, account?: string) {
  let seen = 0;
  const client = createClient({
    url: `${b.url.replace(/^http/, 'ws')}/graphql`,
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: false,
    connectionParams: { authorization: `Bearer ${token}`, ...(account ? { account } : {}) },
    onNonLazyError: () => undefined,
  });
  clients.push(client);
  const ended = new Promise<{ closeCode?: number }>((resolve) => {
    client.subscribe(
      { query: 'subscription { balanceChanged { balance } }' },
      { next: () => (seen += 1), error: (err) => resolve({ closeCode: (err as { code?: number })?.code }), complete: () => resolve({}) },
    );
  });
  return { events: () => seen, ended };
}

/** Grants a credit on A to `accountId` until the watch on B has seen one more event (B subscribes Redis asynchronously). */
async function untilSeen(accountId: string, watch: { events: () => number }) {
  const before = watch.events();
  for (let i = 0; i < 100 && watch.events() === before; i += 1) {
    ok(await a.gql(GRANT, { i: { userId: accountId, amount: '1', reason: 'teams socket test', idempotencyKey: randomUUID() } }, admin), 'adminGrantCredits');
    for (let j = 0; j < 10 && watch.events() === before; j += 1) await new Promise((resolve) => setTimeout(resolve, 10));
  }
  expect(watch.events()).toBeGreaterThan(before);
}

describe.skipIf(!redisUrl)('team membership across two server instances', () => {
  it("a removal on A refuses the member's team key and acting session on B at the next request; their own key still works", async () => {
    const owner = await person(a, 'rep-owner');
    const member = await person(a, 'rep-member');
    const team = await createTeam(a, owner);
    await join(a, team.id, owner, member, 'MEMBER');
    const teamKey = await key(a, member, team.id);
    const ownKey = await key(a, member);
    await warm(team.id, member, teamKey, ownKey);

    ok(await a.gql(q.REMOVE, { t: team.id, u: member.id }, owner.token), 'removeTeamMember');
    await refusedOnB(team.id, member, teamKey, ownKey);
    // And on A too, of course.
    expect(errorCode(await a.gql(BALANCE, {}, teamKey))).toBe('UNAUTHENTICATED');
  });

  it("a removal on A closes the member's live subscription on B acting for the team, not the one on their own account", async () => {
    const owner = await person(a, 'rep-ws-owner');
    const member = await person(a, 'rep-ws-member');
    const team = await createTeam(a, owner);
    await join(a, team.id, owner, member, 'MEMBER');
    const onTeam = watchBalance(member.token, team.id);
    const onOwn = watchBalance(member.token);
    await untilSeen(team.id, onTeam);
    await untilSeen(member.id, onOwn);

    ok(await a.gql(q.REMOVE, { t: team.id, u: member.id }, owner.token), 'removeTeamMember');
    expect(await onTeam.ended).toEqual({ closeCode: 4403 });
    await untilSeen(member.id, onOwn);
  });

  it('leaving on A holds on B the same way', async () => {
    const owner = await person(a, 'rep-leave-owner');
    const member = await person(a, 'rep-leaver');
    const team = await createTeam(a, owner);
    await join(a, team.id, owner, member, 'ADMIN');
    const teamKey = await key(a, member, team.id);
    const ownKey = await key(a, member);
    await warm(team.id, member, teamKey, ownKey);

    ok(await a.gql(q.LEAVE, { t: team.id }, member.token), 'leaveTeam');
    await refusedOnB(team.id, member, teamKey, ownKey);
  });

  it('a demotion on A takes the manager rights away on B at once; a join on A lets the new member act on B at once', async () => {
    const owner = await person(a, 'rep-demote-owner');
    const manager = await person(a, 'rep-demoted');
    const team = await createTeam(a, owner);
    await join(a, team.id, owner, manager, 'ADMIN');
    for (let i = 0; i < 3; i += 1) ok(await b.gql(THRESHOLD, { v: '5' }, manager.token, acting(team.id)), 'setLowBalanceThreshold');

    ok(await a.gql(q.CHANGE_ROLE, { t: team.id, u: manager.id, r: 'MEMBER' }, owner.token), 'changeTeamMemberRole');
    const refused = await b.gql(THRESHOLD, { v: '6' }, manager.token, acting(team.id));
    expect(errorCode(refused)).toBe('FORBIDDEN');
    expect((await b.gql(BALANCE, {}, manager.token, acting(team.id))).errors).toBeUndefined();

    // Warm as a non-member of a second team, then invited and accepted on A: B lets them act for it at once.
    const other = await createTeam(a, owner, 'Second');
    expect(errorCode(await b.gql(BALANCE, {}, manager.token, acting(other.id)))).toBe('FORBIDDEN');
    await join(a, other.id, owner, manager, 'MEMBER');
    expect((await b.gql(BALANCE, {}, manager.token, acting(other.id))).errors).toBeUndefined();
  });

  it('leaves the ledger consistent', async () => {
    expect((await ledgerAudit(a, admin)).violations).toEqual([]);
  });
});

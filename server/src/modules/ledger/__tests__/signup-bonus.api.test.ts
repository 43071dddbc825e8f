import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, TEST_ADMIN, type TestApp } from '../../../test-support/app.js';
import { withClient } from '../../../test-support/database.js';
import { GOOD_PASSWORD, SIGN_IN, SIGN_UP, uniqueEmail } from '../../auth/__tests__/helpers.js';

const HISTORY = '{ creditTransactions(first: 100) { nodes { type amount balanceAfter actorType } totalCount } creditBalance { balance available } }';
const BONUSES = '{ creditTransactions(types: [SIGNUP_BONUS]) { nodes { id type amount } totalCount } creditBalance { balance } }';

interface User {
  token: string;
  id: string;
  email: string;
}

let ipCounter = 0;
/** A distinct client address per request: sign-ups and sign-ins are rate limited per IP (loopback is a trusted proxy). */
const nextIp = () => {
  ipCounter += 1;
  return { 'x-forwarded-for': `203.0.113.${ipCounter}` };
};

async function signUp(app: TestApp): Promise<User> {
  const email = uniqueEmail('bonus');
  const res = await app.gql(SIGN_UP, { input: { email, password: GOOD_PASSWORD } }, undefined, nextIp());
  if (!res.data) throw new Error(`sign-up failed: ${JSON.stringify(res.errors)}`);
  return { token: res.data.signUp.token, id: res.data.signUp.user.id, email };
}

async function signIn(app: TestApp, email: string) {
  return app.gql(SIGN_IN, { input: { email, password: GOOD_PASSWORD } }, undefined, nextIp());
}

async function bonuses(app: TestApp, token: string): Promise<{ amounts: string[]; totalCount: number; balance: string }> {
  const res = await app.gql(BONUSES, {}, token);
  if (!res.data) throw new Error(`reading the ledger failed: ${JSON.stringify(res.errors)}`);
  return {
    amounts: res.data.creditTransactions.nodes.map((n: { amount: string }) => n.amount),
    totalCount: res.data.creditTransactions.totalCount,
    balance: res.data.creditBalance.balance,
  };
}

/** The user's bonus rows straight from the tables: entries and grant buckets. */
const bonusRows = (app: TestApp, userId: string) =>
  withClient(app.databaseUrl, async (c) => {
    const { rows } = await c.query(
      `select (select count(*) from ledger_entry e join credit_account a on a.id = e.account_id where a.user_id = $1 and e.type = 'signup_bonus')::int as entries,
              (select count(*) from credit_grant g join credit_account a on a.id = g.account_id where a.user_id = $1 and g.source = 'signup')::int as grants,
              (select count(*) from ledger_entry e join credit_account a on a.id = e.account_id where a.user_id = $1)::int as all_entries`,
      [userId],
    );
    return rows[0] as { entries: number; grants: number; all_entries: number };
  });

describe('the sign-up bonus at the default SIGNUP_BONUS_CREDITS', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('gives a new user exactly one SIGNUP_BONUS transaction of 10.000000, from the system', async () => {
    const user = await signUp(t);
    const res = await t.gql(HISTORY, {}, user.token);
    expect(res.errors).toBeUndefined();
    expect(res.data).toEqual({
      creditTransactions: { nodes: [{ type: 'SIGNUP_BONUS', amount: '10.000000', balanceAfter: '10.000000', actorType: 'system' }], totalCount: 1 },
      creditBalance: { balance: '10.000000', available: '10.000000' },
    });
    expect(await bonusRows(t, user.id)).toEqual({ entries: 1, grants: 1, all_entries: 1 });
  });

  it('never grants it again on later sign-ins', async () => {
    const user = await signUp(t);
    for (let i = 0; i < 3; i += 1) {
      const res = await signIn(t, user.email);
      expect(res.errors).toBeUndefined();
    }
    expect(await bonuses(t, user.token)).toEqual({ amounts: ['10.000000'], totalCount: 1, balance: '10.000000' });
    expect(await bonusRows(t, user.id)).toEqual({ entries: 1, grants: 1, all_entries: 1 });
  });

  it('never grants it again when five sign-ins arrive at once', async () => {
    const user = await signUp(t);
    const results = await Promise.all(Array.from({ length: 5 }, () => signIn(t, user.email)));
    for (const res of results) expect(res.errors).toBeUndefined();
    expect(await bonuses(t, user.token)).toEqual({ amounts: ['10.000000'], totalCount: 1, balance: '10.000000' });
    expect(await bonusRows(t, user.id)).toEqual({ entries: 1, grants: 1, all_entries: 1 });
  });

  it('does not top up a user who spent the bonus when they sign in again', async () => {
    const user = await signUp(t);
    const admin = (await t.gql(SIGN_IN, { input: TEST_ADMIN }, undefined, nextIp())).data!.signIn.token;
    const spent = await t.gql(
      'mutation D($input: AdminCreditInput!) { adminDeductCredits(input: $input) { balanceAfter } }',
      { input: { userId: user.id, amount: '10', reason: 'spent it all', idempotencyKey: randomUUID() } },
      admin,
    );
    expect(spent.data!.adminDeductCredits.balanceAfter).toBe('0.000000');
    expect((await signIn(t, user.email)).errors).toBeUndefined();
    expect(await bonuses(t, user.token)).toEqual({ amounts: ['10.000000'], totalCount: 1, balance: '0.000000' });
  });

  it('lets existing users sign in after SIGNUP_BONUS_CREDITS changes, and grants them nothing more', async () => {
    const user = await signUp(t);
    const changed = await startTestApp({ SIGNUP_BONUS_CREDITS: '2.5' }, { databaseUrl: t.databaseUrl });
    try {
      const res = await signIn(changed, user.email);
      expect(errorCode(res)).toBeUndefined();
      expect(res.data!.signIn.user.id).toBe(user.id);
      expect(await bonuses(changed, user.token)).toEqual({ amounts: ['10.000000'], totalCount: 1, balance: '10.000000' });
    } finally {
      await changed.stop();
    }
  });
});

describe('the sign-up bonus with SIGNUP_BONUS_CREDITS set', () => {
  it("gives '2.5' as a SIGNUP_BONUS of 2.500000", async () => {
    const t = await startTestApp({ SIGNUP_BONUS_CREDITS: '2.5' });
    try {
      const user = await signUp(t);
      expect(await bonuses(t, user.token)).toEqual({ amounts: ['2.500000'], totalCount: 1, balance: '2.500000' });
      expect((await signIn(t, user.email)).errors).toBeUndefined();
      expect(await bonuses(t, user.token)).toEqual({ amounts: ['2.500000'], totalCount: 1, balance: '2.500000' });
    } finally {
      await t.stop();
    }
  });

  it("gives nothing with '0', not even on later sign-ins", async () => {
    const t = await startTestApp({ SIGNUP_BONUS_CREDITS: '0' });
    try {
      const user = await signUp(t);
      const res = await t.gql(HISTORY, {}, user.token);
      expect(res.data).toEqual({ creditTransactions: { nodes: [], totalCount: 0 }, creditBalance: { balance: '0.000000', available: '0.000000' } });
      expect((await signIn(t, user.email)).errors).toBeUndefined();
      expect(await bonuses(t, user.token)).toEqual({ amounts: [], totalCount: 0, balance: '0.000000' });
      expect(await bonusRows(t, user.id)).toEqual({ entries: 0, grants: 0, all_entries: 0 });
    } finally {
      await t.stop();
    }
  });

  it('does not hand the bonus to a user who signed up while it was 0 when it is raised later', async () => {
    const none = await startTestApp({ SIGNUP_BONUS_CREDITS: '0' });
    const raised = await startTestApp({ SIGNUP_BONUS_CREDITS: '10' }, { databaseUrl: none.databaseUrl });
    try {
      const user = await signUp(none);
      expect((await signIn(raised, user.email)).errors).toBeUndefined();
      expect(await bonuses(raised, user.token)).toEqual({ amounts: [], totalCount: 0, balance: '0.000000' });
    } finally {
      await raised.stop();
      await none.stop();
    }
  });
});

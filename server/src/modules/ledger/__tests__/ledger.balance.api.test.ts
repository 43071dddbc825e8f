import { describe, expect, it } from 'vitest';
import { errorCode } from '../../../test-support/app.js';
import { withClient } from '../../../test-support/database.js';
import { createKey } from '../../auth/__tests__/helpers.js';
import { t, useLedgerApp } from './api-helpers.js';
import { BALANCE, CREDITS, GRANTS, SET_THRESHOLD, deduct, grant, ledgerRows, newUser } from './ledger-api-helpers.js';

useLedgerApp();

describe('creditBalance', () => {
  it('answers every amount as a Credits string with exactly 6 fraction digits', async () => {
    const user = await newUser();
    const res = await t.gql(BALANCE, {}, user.token);
    expect(res.errors).toBeUndefined();
    expect(res.data!.creditBalance).toEqual({
      balance: '10.000000',
      held: '0.000000',
      available: '10.000000',
      lowBalanceThreshold: '5.000000',
      lowBalance: false,
    });
  });

  it('keeps the smallest unit exact: a grant of 0.000001 and of 2.5 show as 12.500001', async () => {
    const user = await newUser();
    await grant(user.id, '0.000001');
    await grant(user.id, '2.5');
    const { creditBalance } = (await t.gql(BALANCE, {}, user.token)).data!;
    expect(creditBalance.balance).toBe('12.500001');
    expect(creditBalance.available).toBe('12.500001');
    for (const value of [creditBalance.balance, creditBalance.held, creditBalance.available, creditBalance.lowBalanceThreshold]) {
      expect(value).toMatch(CREDITS);
    }
  });
});

describe('creditGrants', () => {
  it('lists buckets with credit left in burn order: priority, soonest expiry, never-expiring last', async () => {
    const user = await newUser(); // sign-up bonus: priority 10, never expires
    const in30Days = new Date(Date.now() + 30 * 86_400_000).toISOString();
    const in10Days = new Date(Date.now() + 10 * 86_400_000).toISOString();
    await grant(user.id, '7'); // admin, priority 40, never expires
    await grant(user.id, '5', { expiresAt: in30Days });
    await grant(user.id, '3', { expiresAt: in10Days });

    const res = await t.gql(GRANTS, {}, user.token);
    expect(res.errors).toBeUndefined();
    const list = res.data!.creditGrants as Array<Record<string, any>>;
    expect(list.map((g) => [g.source, g.amount, g.remaining, g.priority, g.expiresAt && Date.parse(g.expiresAt)])).toEqual([
      ['SIGNUP', '10.000000', '10.000000', 10, null],
      ['ADMIN', '3.000000', '3.000000', 40, Date.parse(in10Days)],
      ['ADMIN', '5.000000', '5.000000', 40, Date.parse(in30Days)],
      ['ADMIN', '7.000000', '7.000000', 40, null],
    ]);
  });

  it('shows what a spend left, having burnt the buckets in the order listed', async () => {
    const user = await newUser();
    const in10Days = new Date(Date.now() + 10 * 86_400_000).toISOString();
    await grant(user.id, '7');
    await grant(user.id, '3', { expiresAt: in10Days });
    await deduct(user.id, '11.5'); // the whole bonus, then 1.5 of the expiring 3; the 7 is untouched

    const list = (await t.gql(GRANTS, {}, user.token)).data!.creditGrants as Array<Record<string, any>>;
    expect(list.map((g) => [g.source, g.amount, g.remaining, g.expiresAt && Date.parse(g.expiresAt)])).toEqual([
      ['ADMIN', '3.000000', '1.500000', Date.parse(in10Days)],
      ['ADMIN', '7.000000', '7.000000', null],
    ]);
    expect((await t.gql(BALANCE, {}, user.token)).data!.creditBalance.balance).toBe('8.500000');
  });
});

describe('setLowBalanceThreshold', () => {
  it('answers the new threshold and lowBalance measured against it', async () => {
    const user = await newUser();
    const low = await t.gql(SET_THRESHOLD, { threshold: '20' }, user.token);
    expect(low.errors).toBeUndefined();
    expect(low.data!.setLowBalanceThreshold).toEqual({
      balance: '10.000000',
      held: '0.000000',
      available: '10.000000',
      lowBalanceThreshold: '20.000000',
      lowBalance: true,
    });
    const fine = await t.gql(SET_THRESHOLD, { threshold: '2.5' }, user.token);
    expect(fine.data!.setLowBalanceThreshold).toMatchObject({ lowBalanceThreshold: '2.500000', lowBalance: false });
    const zero = await t.gql(SET_THRESHOLD, { threshold: '0' }, user.token);
    expect(zero.data!.setLowBalanceThreshold).toMatchObject({ lowBalanceThreshold: '0.000000', lowBalance: false });
  });

  it('keeps the threshold: the next creditBalance and the database show it', async () => {
    const user = await newUser();
    const set = await t.gql(SET_THRESHOLD, { threshold: '2.5' }, user.token);
    expect(set.data!.setLowBalanceThreshold.lowBalanceThreshold).toBe('2.500000');
    expect((await t.gql(BALANCE, {}, user.token)).data!.creditBalance).toMatchObject({ lowBalanceThreshold: '2.500000', lowBalance: false });
    const stored = await withClient(t.databaseUrl, (c) => c.query('select low_balance_threshold::text as v from credit_account where user_id = $1', [user.id]));
    expect(stored.rows[0].v).toBe('2500000');
  });

  it.each([
    ['a negative value', '-1'],
    ['7 fraction digits', '1.1234567'],
    ['a non-number', 'lots'],
    ['an empty string', ''],
    ['more than the 1,000,000-credit cap', '1000000.000001'],
  ])('refuses %s with BAD_USER_INPUT and leaves the threshold as it was', async (_case, threshold) => {
    const user = await newUser();
    const before = await ledgerRows();
    const res = await t.gql(SET_THRESHOLD, { threshold }, user.token);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.data).toBeNull();
    expect(await ledgerRows()).toEqual(before);
    expect((await t.gql(BALANCE, {}, user.token)).data!.creditBalance.lowBalanceThreshold).toBe('5.000000');
  });

  it('refuses an amount sent as a JSON number rather than a string, with BAD_USER_INPUT', async () => {
    const user = await newUser();
    const before = await ledgerRows();
    const res = await t.gql(SET_THRESHOLD, { threshold: 4 }, user.token);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(await ledgerRows()).toEqual(before);
  });

  it('needs a signed-in session: an API key, even with the read scope, is FORBIDDEN', async () => {
    const user = await newUser();
    const key = await createKey(t, user.token, ['read', 'completions']);
    const before = await ledgerRows();
    const res = await t.gql(SET_THRESHOLD, { threshold: '1' }, key.secret);
    expect(errorCode(res)).toBe('FORBIDDEN');
    expect(res.data).toBeNull();
    expect(await ledgerRows()).toEqual(before);
  });
});

import { describe, expect, it } from 'vitest';
import { errorCode, type GqlResult } from '../../../test-support/app.js';
import { createKey } from '../../auth/__tests__/helpers.js';
import { t, useLedgerApp, type Tx } from './api-helpers.js';
import { BALANCE, GRANTS, TRANSACTIONS, deduct, entryIdsInDb, grant, newUser, transactions } from './ledger-api-helpers.js';

useLedgerApp();

describe('who may read the ledger', () => {
  const READS: Array<[string, string]> = [
    ['creditBalance', BALANCE],
    ['creditTransactions', TRANSACTIONS],
    ['creditGrants', GRANTS],
  ];

  it.each(READS)('refuses %s to an API key with only the completions scope, with FORBIDDEN', async (_name, query) => {
    const user = await newUser();
    const key = await createKey(t, user.token, ['completions']);
    const res = await t.gql(query, {}, key.secret);
    expect(errorCode(res)).toBe('FORBIDDEN');
    expect(res.data).toBeNull();
  });

  it.each(READS)('answers %s to an API key with the read scope, for the key owner', async (name, query) => {
    const user = await newUser();
    await grant(user.id, '1.5');
    const key = await createKey(t, user.token, ['read']);
    const byKey = await t.gql(query, {}, key.secret);
    expect(byKey.errors).toBeUndefined();
    expect(byKey.data).toEqual((await t.gql(query, {}, user.token)).data);
    if (name === 'creditBalance') expect(byKey.data!.creditBalance.balance).toBe('11.500000');
  });

  it.each([...READS, ['setLowBalanceThreshold', 'mutation { setLowBalanceThreshold(threshold: "1") { balance } }'] as [string, string]])(
    'refuses %s without credentials, with UNAUTHENTICATED',
    async (_name, query) => {
      const res = await t.gql(query, {});
      expect(errorCode(res)).toBe('UNAUTHENTICATED');
      expect(res.data).toBeNull();
    },
  );

  it('refuses a tampered bearer token with UNAUTHENTICATED', async () => {
    const res = await t.gql(BALANCE, {}, 'not-a-real-token');
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
  });

  it("shows a user their own transactions and grants only, never another user's", async () => {
    const alice = await newUser();
    const bob = await newUser();
    const bobs = [await grant(bob.id, '31', { reason: 'for bob only' }), await deduct(bob.id, '1')];
    await grant(alice.id, '2', { reason: 'for alice' });

    const mine = await transactions(alice.token, { first: 100 });
    expect(mine.nodes.map((n) => n.id)).toEqual(await entryIdsInDb(alice.id));
    expect(mine.totalCount).toBe(2);
    for (const tx of bobs) expect(mine.nodes.map((n) => n.id)).not.toContain(tx.id);
    expect(JSON.stringify(mine)).not.toContain('for bob only');

    const alicesGrants = (await t.gql(GRANTS, {}, alice.token)).data!.creditGrants as Array<{ amount: string }>;
    expect(alicesGrants.map((g) => g.amount).sort()).toEqual(['10.000000', '2.000000']);
    expect((await t.gql(BALANCE, {}, alice.token)).data!.creditBalance.balance).toBe('12.000000');

    const theirs = await transactions(bob.token, { first: 100 });
    expect(theirs.totalCount).toBe(3);
    expect(theirs.nodes.map((n) => n.id).slice(0, 2)).toEqual([bobs[1]!.id, bobs[0]!.id]);
  });

  it("cannot page into another user's history with a cursor taken from it", async () => {
    const alice = await newUser();
    const bob = await newUser();
    for (let i = 0; i < 3; i += 1) await grant(bob.id, '1');
    const bobsPage = await transactions(bob.token, { first: 1 });
    const res: GqlResult = await t.gql(TRANSACTIONS, { first: 10, after: bobsPage.pageInfo.endCursor }, alice.token);
    const nodes = (res.data?.creditTransactions?.nodes ?? []) as Tx[];
    const bobsIds = await entryIdsInDb(bob.id);
    expect(nodes.some((n) => bobsIds.includes(n.id))).toBe(false);
  });
});

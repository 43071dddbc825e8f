import { beforeAll, describe, expect, it } from 'vitest';
import { errorCode } from '../../../test-support/app.js';
import { t, useLedgerApp, type Tx, type User } from './api-helpers.js';
import { TRANSACTIONS, deduct, entryIdsInDb, grant, ledgerRows, micro, newUser, sleep, transactions, type Connection } from './ledger-api-helpers.js';

useLedgerApp();

describe('creditTransactions pagination', () => {
  let user: User;
  let grants: Tx[];

  beforeAll(async () => {
    user = await newUser(); // 1 entry: the sign-up bonus
    grants = [];
    // Amounts 1..24 tell the entries apart and make the running balance checkable.
    for (let i = 1; i <= 24; i += 1) grants.push(await grant(user.id, String(i)));
  });

  it('walks 25 entries in pages of 10: three pages, newest first, no duplicates, no gaps, totalCount stable', async () => {
    const pages: Connection[] = [];
    let after: string | null = null;
    do {
      const page = await transactions(user.token, { first: 10, after });
      pages.push(page);
      after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
      expect(pages.length).toBeLessThanOrEqual(3);
    } while (after);

    expect(pages.map((p) => p.nodes.length)).toEqual([10, 10, 5]);
    expect(pages.map((p) => p.pageInfo.hasNextPage)).toEqual([true, true, false]);
    expect(pages.map((p) => p.totalCount)).toEqual([25, 25, 25]);
    const nodes = pages.flatMap((p) => p.nodes);
    expect(new Set(nodes.map((n) => n.id)).size).toBe(25);
    // Exactly the user's entries, in the table's order, newest first.
    expect(nodes.map((n) => n.id)).toEqual(await entryIdsInDb(user.id));
    expect(nodes.map((n) => n.amount)).toEqual([...grants.map((g) => g.amount).reverse(), '10.000000']);
    expect(nodes.at(-1)!.type).toBe('SIGNUP_BONUS');
    for (let i = 1; i < nodes.length; i += 1) {
      expect(Date.parse(nodes[i - 1]!.createdAt)).toBeGreaterThanOrEqual(Date.parse(nodes[i]!.createdAt));
      // No gap: each entry's balance before it is the next (older) entry's balance after.
      expect(micro(nodes[i - 1]!.balanceAfter) - micro(nodes[i - 1]!.amount)).toBe(micro(nodes[i]!.balanceAfter));
    }
    expect(nodes[0]!.balanceAfter).toBe(`${10 + (24 * 25) / 2}.000000`);
  });

  it('answers an empty last page after the final cursor', async () => {
    const all = await transactions(user.token, { first: 25 });
    expect(all.pageInfo.hasNextPage).toBe(false);
    const beyond = await transactions(user.token, { first: 10, after: all.pageInfo.endCursor });
    expect(beyond.nodes).toEqual([]);
    expect(beyond.pageInfo.hasNextPage).toBe(false);
    expect(beyond.totalCount).toBe(25);
  });

  it('defaults to a page of 20', async () => {
    const page = await transactions(user.token);
    expect(page.nodes).toHaveLength(20);
    expect(page.pageInfo.hasNextPage).toBe(true);
  });

  it.each([
    ['first: 0', { first: 0 }],
    ['first: 101', { first: 101 }],
    ['first: -1', { first: -1 }],
    ['a garbage after', { after: 'garbage' }],
    ['a negative after', { after: '-5' }],
    ['from after to', { from: '2030-01-02T00:00:00.000Z', to: '2030-01-01T00:00:00.000Z' }],
    ['a from that is not a date', { from: 'yesterday' }],
  ])('refuses %s with BAD_USER_INPUT and writes nothing', async (_case, variables) => {
    const before = await ledgerRows();
    const res = await t.gql(TRANSACTIONS, variables, user.token);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.data).toBeNull();
    expect(await ledgerRows()).toEqual(before);
  });
});

describe('creditTransactions filters', () => {
  it('filters by types, and totalCount follows the filter', async () => {
    const user = await newUser();
    await grant(user.id, '3');
    await grant(user.id, '4');
    await deduct(user.id, '2');

    const bonus = await transactions(user.token, { types: ['SIGNUP_BONUS'] });
    expect(bonus.totalCount).toBe(1);
    expect(bonus.nodes.map((n) => [n.type, n.amount])).toEqual([['SIGNUP_BONUS', '10.000000']]);

    const granted = await transactions(user.token, { types: ['ADMIN_GRANT'] });
    expect(granted.totalCount).toBe(2);
    expect(granted.nodes.map((n) => n.amount)).toEqual(['4.000000', '3.000000']);

    const moved = await transactions(user.token, { types: ['ADMIN_GRANT', 'ADMIN_DEDUCT'], first: 2 });
    expect(moved.totalCount).toBe(3);
    expect(moved.nodes.map((n) => [n.type, n.amount])).toEqual([
      ['ADMIN_DEDUCT', '-2.000000'],
      ['ADMIN_GRANT', '4.000000'],
    ]);
    expect(moved.pageInfo.hasNextPage).toBe(true);
    const rest = await transactions(user.token, { types: ['ADMIN_GRANT', 'ADMIN_DEDUCT'], first: 2, after: moved.pageInfo.endCursor });
    expect(rest.nodes.map((n) => n.amount)).toEqual(['3.000000']);
    expect(rest.totalCount).toBe(3);
    expect(rest.pageInfo.hasNextPage).toBe(false);

    const none = await transactions(user.token, { types: ['REFUND'] });
    expect(none).toEqual({ nodes: [], pageInfo: { endCursor: null, hasNextPage: false }, totalCount: 0 });
  });

  it('filters by from and to, and totalCount follows the filter', async () => {
    const user = await newUser();
    // Pauses only keep the entries' timestamps apart, so a window can fall between them.
    await sleep(20);
    const a = await grant(user.id, '1');
    await sleep(20);
    const b = await grant(user.id, '2');
    await sleep(20);
    const c = await grant(user.id, '3');
    const at = (tx: Tx, deltaMs: number) => new Date(Date.parse(tx.createdAt) + deltaMs).toISOString();

    const onlyB = await transactions(user.token, { from: at(a, 10), to: at(c, -10) });
    expect(onlyB.nodes.map((n) => n.id)).toEqual([b.id]);
    expect(onlyB.totalCount).toBe(1);

    const sinceA = await transactions(user.token, { from: at(a, 10) });
    expect(sinceA.nodes.map((n) => n.id)).toEqual([c.id, b.id]);
    expect(sinceA.totalCount).toBe(2);

    const untilB = await transactions(user.token, { to: at(b, 10) });
    expect(untilB.nodes.map((n) => n.amount)).toEqual(['2.000000', '1.000000', '10.000000']);
    expect(untilB.totalCount).toBe(3);

    const fromExactlyB = await transactions(user.token, { from: b.createdAt });
    expect(fromExactlyB.nodes.map((n) => n.id)).toEqual([c.id, b.id]);

    const paged = await transactions(user.token, { from: at(a, -1), first: 1 });
    expect(paged.totalCount).toBe(3);
    expect(paged.nodes.map((n) => n.id)).toEqual([c.id]);
    expect(paged.pageInfo.hasNextPage).toBe(true);

    const future = await transactions(user.token, { from: '2999-01-01T00:00:00.000Z' });
    expect(future.totalCount).toBe(0);
    expect(future.nodes).toEqual([]);
  });
});

import { formatCredits } from '@tollgate/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { balanceOf, ledgerAudit, newUser, ok, setAvailable, signInAdmin } from '../../gateway/__tests__/support.js';
import { buy, deliver, stripeEvent } from './billing-support.js';
import { clawbacks, creditsOf, debtsOf, paidPackage, startRefundWorld, type RefundWorld } from './refund-support.js';

const ADMIN_DEBTS = `query($open: Boolean) { adminDebts(open: $open) { id userId userEmail paymentId cause credits settledCredits outstandingCredits createdAt settledAt } }`;
const ACCOUNTS = `query($s: String) { adminAccounts(search: $s) { nodes { user { id email } balance debt } } }`;

describe('a refund of spent credits leaves debt, shown to admins and settled from the next purchase', () => {
  let w: RefundWorld;
  let admin: string;

  beforeAll(async () => {
    w = await startRefundWorld('debt');
    admin = await signInAdmin(w.t);
  });
  afterAll(async () => {
    expect(await ledgerAudit(w.t, admin)).toMatchObject({ violations: [] });
    await w?.t.stop();
    await w?.fake.stop();
  });

  it('takes what is available, records the rest, never goes negative, and the next purchase settles it exactly', async () => {
    const user = await newUser(w.t, admin, 'debtor');
    const { pkg, charge } = await paidPackage(w, admin, user);
    const granted = creditsOf(pkg);
    const left = 1_234_567n; // what was not spent yet
    await setAvailable(w.t, admin, user, left);

    const refunded = stripeEvent('charge.refunded', w.charges.refund(charge.id));
    await Promise.all([deliver(w.t, refunded), deliver(w.t, refunded)]);
    expect(await balanceOf(w.t, user.token)).toEqual({ balance: 0n, held: 0n, available: 0n });
    expect(await clawbacks(w.t, user.token)).toEqual([{ amount: -left, reference: `charge:${charge.id}:refunded:${charge.amount}` }]);
    const owed = granted - left;
    expect(await debtsOf(w.t, user.id)).toEqual([{ cause: `charge:${charge.id}:refunded:${charge.amount}`, credits: owed, settled: 0n }]);

    // Shown to admins: the list, and the account row.
    const debts = ok<any[]>(await w.t.gql(ADMIN_DEBTS, {}, admin), 'adminDebts').filter((d) => d.userId === user.id);
    expect(debts).toEqual([
      expect.objectContaining({
        cause: `charge:${charge.id}:refunded:${charge.amount}`,
        credits: formatCredits(owed),
        settledCredits: '0.000000',
        outstandingCredits: formatCredits(owed),
        settledAt: null,
      }),
    ]);
    expect(debts[0].userEmail).toMatch(/@/);
    const [row] = ok<any>(await w.t.gql(ACCOUNTS, { s: debts[0].userEmail }, admin), 'adminAccounts').nodes;
    expect(row).toMatchObject({ user: { id: user.id }, debt: formatCredits(owed) });
    // Only admins see debts.
    expect((await w.t.gql(ADMIN_DEBTS, {}, user.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    // The next purchase pays the debt first, exactly, once.
    const next = await paidPackage(w, admin, user);
    expect((await balanceOf(w.t, user.token)).balance).toBe(creditsOf(next.pkg) - owed);
    expect(await debtsOf(w.t, user.id)).toEqual([{ cause: `charge:${charge.id}:refunded:${charge.amount}`, credits: owed, settled: owed }]);
    const settled = (await clawbacks(w.t, user.token)).filter((c) => c.reference.startsWith('debt:'));
    expect(settled.map((c) => c.amount)).toEqual([-owed]);
    expect(ok<any>(await w.t.gql(ACCOUNTS, { s: debts[0].userEmail }, admin), 'adminAccounts').nodes[0].debt).toBe('0.000000');
    expect(ok<any[]>(await w.t.gql(ADMIN_DEBTS, {}, admin), 'adminDebts').filter((d) => d.userId === user.id)).toEqual([]);
    const all = ok<any[]>(await w.t.gql(ADMIN_DEBTS, { open: false }, admin), 'adminDebts').filter((d) => d.userId === user.id);
    expect(all).toEqual([expect.objectContaining({ outstandingCredits: '0.000000', settledCredits: formatCredits(owed) })]);
    expect(all[0].settledAt).toBeTruthy();
    // The settling purchase's event again: nothing more.
    await deliver(w.t, stripeEvent('checkout.session.completed', w.fake.checkoutSessions.get(next.session)!));
    expect((await balanceOf(w.t, user.token)).balance).toBe(creditsOf(next.pkg) - owed);
  });

  it('a purchase smaller than the debt settles what it can; the next one the rest', async () => {
    const user = await newUser(w.t, admin, 'big-debtor');
    const first = await paidPackage(w, admin, user);
    const second = await paidPackage(w, admin, user);
    await setAvailable(w.t, admin, user, 0n);
    await deliver(w.t, stripeEvent('charge.refunded', w.charges.refund(first.charge.id)));
    await deliver(w.t, stripeEvent('charge.dispute.created', w.charges.dispute(second.charge.id)));
    const owed = creditsOf(first.pkg) + creditsOf(second.pkg);
    expect((await debtsOf(w.t, user.id)).map((d) => d.credits)).toEqual([creditsOf(first.pkg), creditsOf(second.pkg)]);

    const third = await paidPackage(w, admin, user);
    expect(await balanceOf(w.t, user.token)).toEqual({ balance: 0n, held: 0n, available: 0n });
    expect((await debtsOf(w.t, user.id)).map((d) => d.settled)).toEqual([creditsOf(first.pkg), 0n]);
    await paidPackage(w, admin, user);
    await paidPackage(w, admin, user);
    expect((await debtsOf(w.t, user.id)).map((d) => d.settled)).toEqual([creditsOf(first.pkg), creditsOf(second.pkg)]);
    expect((await balanceOf(w.t, user.token)).balance).toBe(3n * creditsOf(third.pkg) - owed);
  });

  it('two purchases completing at the same time settle one debt once, exactly', async () => {
    const user = await newUser(w.t, admin, 'concurrent-debtor');
    const { pkg, charge } = await paidPackage(w, admin, user);
    await setAvailable(w.t, admin, user, 0n);
    await deliver(w.t, stripeEvent('charge.refunded', w.charges.refund(charge.id)));
    const owed = creditsOf(pkg);
    const sessions = await Promise.all([1, 2].map(() => buy(w.t, user.token, pkg.code)));
    const events = sessions.map((s) => stripeEvent('checkout.session.completed', w.fake.completeSession(s.id, 'paid')));
    const answers = await Promise.all([...events, ...events].map((e) => deliver(w.t, e)));
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200]);
    expect((await balanceOf(w.t, user.token)).balance).toBe(2n * owed - owed);
    expect(await debtsOf(w.t, user.id)).toEqual([expect.objectContaining({ credits: owed, settled: owed })]);
    expect((await clawbacks(w.t, user.token)).filter((c) => c.reference.startsWith('debt:')).map((c) => c.amount)).toEqual([-owed]);
  });

  it('refuses a page size out of range with BAD_USER_INPUT', async () => {
    const res = await w.t.gql(`{ adminDebts(first: 0) { id } }`, {}, admin);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});

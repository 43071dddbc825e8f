import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, TEST_ADMIN, type TestApp } from '../../../test-support/app.js';
import { ledgerAudit, newUser, ok, signInAdmin, type User } from '../../gateway/__tests__/support.js';

/** Every admin mutation leaves one audit row with who, what, when and the state before and after. */
const LOG = `query($first: Int, $after: String, $action: String, $actorId: ID, $targetId: ID) {
  adminAuditLog(first: $first, after: $after, action: $action, actorId: $actorId, targetId: $targetId) {
    nodes { id actorId actorEmail action targetType targetId summary args before after createdAt } pageInfo { endCursor hasNextPage } totalCount } }`;

interface Entry {
  actorId: string;
  actorEmail: string;
  action: string;
  targetType: string;
  targetId: string | null;
  summary: string;
  args: string | null;
  before: string | null;
  after: string | null;
}

let t: TestApp;
let admin: string;
let adminId: string;
let user: User;

beforeAll(async () => {
  t = await startTestApp();
  admin = await signInAdmin(t);
  adminId = ok(await t.gql('{ me { id } }', {}, admin), 'me').id;
  user = await newUser(t, admin, 'audit');
});
afterAll(async () => {
  await t?.stop();
});

async function entries(vars: Record<string, unknown>): Promise<Entry[]> {
  return ok(await t.gql(LOG, { first: 100, ...vars }, admin), 'adminAuditLog').nodes;
}
const parse = (json: string | null) => (json === null ? null : JSON.parse(json));

describe('the admin audit log', () => {
  it('records a tier change with the tier before and after', async () => {
    ok(await t.gql('mutation($u: ID!) { adminSetTier(userId: $u, tier: "starter") { id } }', { u: user.id }, admin), 'adminSetTier');
    const [row] = await entries({ action: 'adminSetTier', targetId: user.id });
    expect(row).toMatchObject({ actorId: adminId, actorEmail: TEST_ADMIN.email, targetType: 'user', targetId: user.id });
    expect(parse(row!.before)).toMatchObject({ tier_code: 'free' });
    expect(parse(row!.after)).toMatchObject({ tier_code: 'starter' });
    expect(parse(row!.args)).toEqual({ userId: user.id, tier: 'starter' });
    expect(row!.summary).toContain('tier_code: free → starter');
  });

  it('records a suspension and a reactivation with the state before and after', async () => {
    ok(await t.gql('mutation($u: ID!) { adminSuspendUser(userId: $u, reason: "abuse") { id } }', { u: user.id }, admin), 'adminSuspendUser');
    ok(await t.gql('mutation($u: ID!) { adminReactivateUser(userId: $u) { id } }', { u: user.id }, admin), 'adminReactivateUser');
    const [suspend] = await entries({ action: 'adminSuspendUser', targetId: user.id });
    expect(parse(suspend!.before)).toMatchObject({ suspended_at: null, suspended_reason: null });
    expect(parse(suspend!.after)).toMatchObject({ suspended_reason: 'abuse' });
    expect(parse(suspend!.after).suspended_at).not.toBeNull();
    const [reactivate] = await entries({ action: 'adminReactivateUser', targetId: user.id });
    expect(parse(reactivate!.before)).toMatchObject({ suspended_reason: 'abuse' });
    expect(parse(reactivate!.after)).toMatchObject({ suspended_at: null, suspended_reason: null });
  });

  it('records a credit grant with the balance before and after, and the transaction', async () => {
    const before = ok(await t.gql('{ creditBalance { balance } }', {}, user.token), 'creditBalance').balance as string;
    const key = randomUUID();
    const tx = ok(
      await t.gql(
        'mutation($i: AdminCreditInput!) { adminGrantCredits(input: $i) { id } }',
        { i: { userId: user.id, amount: '3', reason: 'goodwill', idempotencyKey: key } },
        admin,
      ),
      'adminGrantCredits',
    );
    const [row] = await entries({ action: 'adminGrantCredits', targetId: user.id });
    const micro = (credits: string) => BigInt(credits.replace('.', ''));
    expect(BigInt(parse(row!.before).balance)).toBe(micro(before));
    expect(BigInt(parse(row!.after).balance)).toBe(micro(before) + 3_000_000n);
    expect(parse(row!.after).result.id).toBe(tx.id);
    expect(parse(row!.args).input).toMatchObject({ userId: user.id, amount: '3000000', reason: 'goodwill', idempotencyKey: key });
  });

  it('records a coupon created (no state before) under its code', async () => {
    const code = `AUDIT${randomUUID().slice(0, 8).toUpperCase()}`;
    ok(
      await t.gql('mutation($i: CouponInput!) { adminCreateCoupon(input: $i) { code } }', { i: { code, kind: 'CREDITS', credits: '1' } }, admin),
      'adminCreateCoupon',
    );
    const [row] = await entries({ action: 'adminCreateCoupon', targetId: code });
    expect(row).toMatchObject({ targetType: 'coupon', targetId: code, before: null });
    expect(parse(row!.after)).toMatchObject({ code, active: true });
  });

  it('records a coupon deactivated and promotion settings changed with the state before and after', async () => {
    const code = `OFF${randomUUID().slice(0, 8).toUpperCase()}`;
    ok(
      await t.gql('mutation($i: CouponInput!) { adminCreateCoupon(input: $i) { code } }', { i: { code, kind: 'CREDITS', credits: '1' } }, admin),
      'adminCreateCoupon',
    );
    ok(await t.gql('mutation($c: String!) { adminDeactivateCoupon(code: $c) { code } }', { c: code.toLowerCase() }, admin), 'adminDeactivateCoupon');
    const [off] = await entries({ action: 'adminDeactivateCoupon' });
    expect(parse(off!.before)).toMatchObject({ code, active: true });
    expect(parse(off!.after)).toMatchObject({ code, active: false });
    ok(
      await t.gql('mutation { adminUpdatePromotionSettings(input: { referralBlockSameDomain: true }) { referralBlockSameDomain } }', {}, admin),
      'adminUpdatePromotionSettings',
    );
    const [settings] = await entries({ action: 'adminUpdatePromotionSettings' });
    expect(parse(settings!.before)).toMatchObject({ referral_block_same_domain: false });
    expect(parse(settings!.after)).toMatchObject({ referral_block_same_domain: true });
    expect(settings!.summary).toContain('referral_block_same_domain: false → true');
  });

  it('records nothing for a refused or failed admin mutation', async () => {
    const count = async () => ok(await t.gql(LOG, { first: 1 }, admin), 'adminAuditLog').totalCount as number;
    const before = await count();
    expect(errorCode(await t.gql('mutation($u: ID!) { adminSetTier(userId: $u, tier: "nope") { id } }', { u: user.id }, admin))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql('mutation($u: ID!) { adminSetTier(userId: $u, tier: "pro") { id } }', { u: user.id }, user.token))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql('mutation($u: ID!) { adminSuspendUser(userId: $u, reason: "") { id } }', { u: user.id }, admin))).toBe('BAD_USER_INPUT');
    expect(await count()).toBe(before);
  });

  it('pages newest first and filters by actor; a malformed actor id matches nothing; the log is admin-only', async () => {
    const all = await entries({ actorId: adminId });
    expect(all.map((e) => e.action)).toEqual([
      'adminUpdatePromotionSettings',
      'adminDeactivateCoupon',
      'adminCreateCoupon',
      'adminCreateCoupon',
      'adminGrantCredits',
      'adminReactivateUser',
      'adminSuspendUser',
      'adminSetTier',
    ]);
    const first = ok(await t.gql(LOG, { first: 2, actorId: adminId }, admin), 'adminAuditLog');
    const next = ok(await t.gql(LOG, { first: 2, actorId: adminId, after: first.pageInfo.endCursor }, admin), 'adminAuditLog');
    expect([...first.nodes, ...next.nodes].map((n: { id: string }) => n.id)).toEqual(all.slice(0, 4).map((n) => (n as unknown as { id: string }).id));
    expect(ok(await t.gql(LOG, { actorId: 'nope' }, admin), 'adminAuditLog').totalCount).toBe(0);
    expect(errorCode(await t.gql(LOG, { after: 'x' }, admin))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(LOG, {}, user.token))).toBe('FORBIDDEN');
  });

  it('leaves the ledger clean', async () => {
    expect((await ledgerAudit(t, admin)).violations).toEqual([]);
  });
});

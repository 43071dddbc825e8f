import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type GqlResult, type TestApp } from '../../../test-support/app.js';
import { ledgerAudit, newUser, signInAdmin, type User } from '../../gateway/__tests__/support.js';

/**
 * The argument checks that moved out of resolvers into services, stores and validate files
 * (docs/decisions/0042-authorization-in-one-place.md) answer exactly as before: the same code,
 * message and `extensions.field`, and nothing is written (the settings row keeps its values).
 */
let t: TestApp;
let admin: string;
let user: User;

beforeAll(async () => {
  t = await startTestApp();
  admin = await signInAdmin(t);
  user = await newUser(t, admin, 'argchecks');
});
afterAll(async () => {
  await t?.stop();
});

function refusal(res: GqlResult) {
  const e = res.errors?.[0];
  return { code: e?.extensions?.code, message: e?.message, field: e?.extensions?.field };
}
const bad = (message: string, field: string) => ({ code: 'BAD_USER_INPUT', message, field });

describe('argument checks, now outside the resolvers', () => {
  it('pages: first out of range, a foreign cursor, from after to', async () => {
    expect(refusal(await t.gql('{ creditTransactions(first: 0) { totalCount } }', {}, user.token))).toEqual(bad('first must be 1 to 100', 'first'));
    expect(refusal(await t.gql('{ creditTransactions(after: "x") { totalCount } }', {}, user.token))).toEqual(
      bad('after is not a cursor from this connection', 'after'),
    );
    expect(refusal(await t.gql('{ creditTransactions(from: "2026-02-01T00:00:00Z", to: "2026-01-01T00:00:00Z") { totalCount } }', {}, user.token))).toEqual(
      bad('from must not be after to', 'from'),
    );
    expect(refusal(await t.gql('{ adminAccounts(first: 101) { totalCount } }', {}, admin))).toEqual(bad('first must be 1 to 100', 'first'));
    expect(refusal(await t.gql('{ adminUsers(first: 0) { totalCount } }', {}, admin))).toEqual(bad('first must be 1 to 100', 'first'));
    expect(refusal(await t.gql('query($s: String) { adminUsers(search: $s) { totalCount } }', { s: 'x'.repeat(321) }, admin))).toEqual(
      bad('search must be at most 320 characters', 'search'),
    );
    expect(refusal(await t.gql('{ adminAuditLog(first: 500) { totalCount } }', {}, admin))).toEqual(bad('first must be 1 to 100', 'first'));
    expect(refusal(await t.gql('{ adminDebts(first: 0) { id } }', {}, admin))).toEqual(bad('first must be 1 to 100', 'first'));
    expect(refusal(await t.gql(`query($u: ID!) { adminUser(id: $u) { transactions(after: "nope") { totalCount } } }`, { u: user.id }, admin))).toEqual(
      bad('after is not a cursor from this connection', 'after'),
    );
  });

  it('admin credit commands: a reason is required; expiresAt is for grants only', async () => {
    const input = { userId: user.id, amount: '1', reason: ' ', idempotencyKey: 'argchecks-1' };
    const grant = 'mutation($i: AdminCreditInput!) { adminGrantCredits(input: $i) { id } }';
    const deduct = 'mutation($i: AdminCreditInput!) { adminDeductCredits(input: $i) { id } }';
    expect(refusal(await t.gql(grant, { i: input }, admin))).toEqual(bad('A reason is required', 'reason'));
    expect(refusal(await t.gql(deduct, { i: { ...input, reason: 'x', expiresAt: '2030-01-01T00:00:00Z' } }, admin))).toEqual(
      bad('expiresAt applies to grants only', 'expiresAt'),
    );
    expect((await t.gql('{ creditTransactions { totalCount } }', {}, user.token)).data!.creditTransactions.totalCount).toBe(1); // the signup bonus only
  });

  it('promotion settings and coupon targets', async () => {
    const before = (await t.gql('{ adminPromotionSettings { referrerBonusCredits referredBonusCredits } }', {}, admin)).data!.adminPromotionSettings;
    const update = 'mutation($i: PromotionSettingsInput!) { adminUpdatePromotionSettings(input: $i) { updatedAt } }';
    expect(refusal(await t.gql(update, { i: { referrerBonusCredits: '1000000.000001' } }, admin))).toEqual(
      bad('referrerBonusCredits must be 0 to 1000000 credits', 'referrerBonusCredits'),
    );
    expect(refusal(await t.gql(update, { i: { referredBonusCredits: '1000001' } }, admin))).toEqual(
      bad('referredBonusCredits must be 0 to 1000000 credits', 'referredBonusCredits'),
    );
    expect((await t.gql('{ adminPromotionSettings { referrerBonusCredits referredBonusCredits } }', {}, admin)).data!.adminPromotionSettings).toEqual(before);
    const check = 'query($c: String!, $t: String) { validateCoupon(code: $c, target: $t) { valid } }';
    expect(refusal(await t.gql(check, { c: 'ANY', t: 'x'.repeat(65) }, user.token))).toEqual(bad('target must be at most 64 characters', 'target'));
    expect((await t.gql(check, { c: 'NO-SUCH-CODE', t: '  ' }, user.token)).data!.validateCoupon.valid).toBe(false);
    expect((await ledgerAudit(t, admin)).violations).toEqual([]);
  });
});

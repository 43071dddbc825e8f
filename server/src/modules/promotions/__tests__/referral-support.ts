import { randomBytes } from 'node:crypto';
import { GOOD_PASSWORD, SIGN_UP } from '../../auth/__tests__/helpers.js';
import { buy } from '../../billing/__tests__/billing-support.js';
import { ok } from '../../gateway/__tests__/support.js';
import type { GqlResult, TestApp } from '../../../test-support/app.js';

export const PUBLIC_URL = 'http://tollgate.test:8080';

let ipCounter = 0;
/** A sign-up address of this file's own (the per-address sign-up limit is 20 an hour). */
export const freshIp = () => `203.0.113.${(ipCounter += 1)}`;
/** A domain nobody else in the run uses (so "same domain" is only what the test means). */
export const freshDomain = (tag: string) => `${tag}-${randomBytes(4).toString('hex')}.test`;

export interface Member {
  id: string;
  email: string;
  token: string;
  ip: string;
}

export async function trySignUp(t: TestApp, email: string, referralCode?: string | null, ip = freshIp()): Promise<GqlResult> {
  return t.gql(SIGN_UP, { input: { email, password: GOOD_PASSWORD, referralCode } }, undefined, { 'x-forwarded-for': ip });
}

export async function member(t: TestApp, email: string, referralCode?: string | null, ip = freshIp()): Promise<Member> {
  const payload = ok(await trySignUp(t, email, referralCode, ip), 'signUp');
  return { id: payload.user.id, email, token: payload.token, ip };
}

export const REFERRAL = '{ referral { code link referredCount rewardedCount earnedCredits } }';

export async function referralOf(t: TestApp, m: Member) {
  return ok(await t.gql(REFERRAL, {}, m.token, { 'x-forwarded-for': m.ip }), 'referral');
}

/** Buys a package on the test checkout and presses Pay, `presses` times at once (the same payment delivered concurrently). */
export async function pay(t: TestApp, m: Member, packageCode: string, presses = 1): Promise<void> {
  const session = await buy(t, m.token, packageCode);
  const path = new URL(session.url).pathname;
  const post = () =>
    fetch(`${t.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'action=pay', redirect: 'manual' });
  const statuses = (await Promise.all(Array.from({ length: presses }, post))).map((r) => r.status);
  if (statuses.some((s) => s !== 303)) throw new Error(`Pay answered ${statuses}`);
}

/** The user's REFERRAL_BONUS history entries. */
export async function bonuses(t: TestApp, m: Member): Promise<Array<{ amount: string; description: string }>> {
  return ok(await t.gql('{ creditTransactions(first: 100, types: [REFERRAL_BONUS]) { nodes { amount description } } }', {}, m.token), 'creditTransactions')
    .nodes;
}

export const REPORT =
  '{ adminReferrals { referrerEmail referredEmail status refusedReason flagged flagReasons bonusCredits referrerBonusCredits referredBonusCredits createdAt rewardedAt } }';

/** The admin report's row for one referred user. */
export async function reportRow(t: TestApp, admin: string, referredEmail: string) {
  const rows = ok<any[]>(await t.gql(REPORT, {}, admin), 'adminReferrals');
  return rows.find((r) => r.referredEmail === referredEmail);
}

export async function setSettings(t: TestApp, admin: string, input: Record<string, unknown>): Promise<void> {
  ok(
    await t.gql('mutation($i: PromotionSettingsInput!) { adminUpdatePromotionSettings(input: $i) { updatedAt } }', { i: input }, admin),
    'adminUpdatePromotionSettings',
  );
}

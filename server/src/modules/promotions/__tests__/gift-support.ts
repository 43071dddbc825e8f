/** What the gift suites share: members with known e-mails, sending, claiming, histories. */
import { randomUUID } from 'node:crypto';
import { GOOD_PASSWORD, SIGN_UP, uniqueEmail } from '../../auth/__tests__/helpers.js';
import { ok } from '../../gateway/__tests__/support.js';
import type { GqlResult, TestApp } from '../../../test-support/app.js';
import { recordSecret } from '../../../test-support/log-capture.js';

export const PUBLIC_URL = 'http://tollgate.test:8080';
export const GIFT_FIELDS = 'id credits status senderEmail recipientEmail message claimUrl createdAt claimedAt returnedAt expiresAt';
export const SEND = `mutation($i: SendGiftInput!) { sendGift(input: $i) { ${GIFT_FIELDS} } }`;
export const CLAIM = `mutation($t: String!) { claimGift(token: $t) { ${GIFT_FIELDS} } }`;

export interface Member {
  id: string;
  email: string;
  token: string;
}

let ip = 0;
/** A new user (each from an address of its own: sign-up is rate-limited per address). */
export async function member(t: TestApp, tag: string, email = uniqueEmail(tag)): Promise<Member> {
  ip += 1;
  const res = await t.gql(SIGN_UP, { input: { email, password: GOOD_PASSWORD } }, undefined, {
    'x-forwarded-for': `198.51.${Math.floor(ip / 250)}.${(ip % 250) + 1}`,
  });
  const payload = ok(res, 'signUp');
  return { id: payload.user.id, email: email.toLowerCase(), token: payload.token };
}

export interface GiftInput {
  recipientEmail: string;
  credits: string;
  message?: string | null;
  idempotencyKey?: string;
}

export function send(t: TestApp, from: Member, input: GiftInput): Promise<GqlResult> {
  return t.gql(SEND, { i: { idempotencyKey: randomUUID(), ...input } }, from.token);
}

/** The claim link's token; a bearer secret, so the run's log scan checks that no log line carries it. */
export function tokenOf(claimUrl: string): string {
  const token = new URL(claimUrl).searchParams.get('token')!;
  recordSecret(token);
  return token;
}

/** The member's gift entries in their history (newest first). */
export async function giftHistory(t: TestApp, m: Member): Promise<Array<{ type: string; amount: string; description: string; reference: string }>> {
  const q = `{ creditTransactions(first: 100, types: [GIFT_SENT, GIFT_RECEIVED, GIFT_RETURNED]) { nodes { type amount description reference } } }`;
  return ok(await t.gql(q, {}, m.token), 'creditTransactions').nodes;
}

/** Row counts of everything a gift writes, for "nothing was written". */
export async function giftRows(t: TestApp): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const table of ['gift', 'ledger_entry', 'credit_grant', 'ledger_entry_grant']) {
    counts[table] = Number((await t.app.sql.query(`select count(*)::int as n from ${table}`))[0]!.n);
  }
  return counts;
}

export async function setGiftPaidOnly(t: TestApp, admin: string, on: boolean): Promise<void> {
  ok(
    await t.gql(
      `mutation($i: PromotionSettingsInput!) { adminUpdatePromotionSettings(input: $i) { giftPaidCreditsOnly } }`,
      { i: { giftPaidCreditsOnly: on } },
      admin,
    ),
    'adminUpdatePromotionSettings',
  );
}

/** What the key-limit and member-cap suites share: the operations, keys with limits, and spend read from the ledger. */
import { randomUUID } from 'node:crypto';
import { parseCredits } from '@tollgate/shared';
import type { GqlResult, TestApp } from '../../../test-support/app.js';
import { withClient } from '../../../test-support/database.js';
import { COMPLETE, ok } from '../../gateway/__tests__/support.js';

export const KEY_FIELDS = `id name accountId ownerEmail scopes revokedAt expiresAt allowedModels
  cap { limit period } capSpend { cap { limit period } spent remaining periodStart resetsAt }`;
export const CREATE_KEY = `mutation($i: CreateApiKeyInput!) { createApiKey(input: $i) { secret apiKey { ${KEY_FIELDS} } } }`;
export const API_KEYS = `query($r: Boolean) { apiKeys(includeRevoked: $r) { ${KEY_FIELDS} } }`;
export const SET_LIMITS = `mutation($i: SetApiKeyLimitsInput!) { setApiKeyLimits(input: $i) { ${KEY_FIELDS} } }`;
export const REVOKE = `mutation($id: ID!) { revokeApiKey(id: $id) { id revokedAt } }`;
export const CAP_FIELDS = 'userId email role cap { limit period } capSpend { spent remaining periodStart resetsAt } spentThisMonth';
export const SET_MEMBER_CAP = `mutation($i: SetTeamMemberCapInput!) { setTeamMemberCap(input: $i) { ${CAP_FIELDS} } }`;
export const MEMBER_CAPS = `query($t: ID!) { teamMemberCaps(teamId: $t) { ${CAP_FIELDS} } }`;
const REFUND = `mutation($i: AdminRefundInput!) { adminRefundCredits(input: $i) { id amount } }`;

export interface Key {
  id: string;
  secret: string;
  apiKey: Record<string, any>;
}

/** A key made by `token` (acting for `account` when given) with the given extra input. */
export async function makeKey(t: TestApp, token: string, input: Record<string, unknown> = {}, account?: string): Promise<Key> {
  const res = await t.gql(
    CREATE_KEY,
    { i: { name: 'limits', scopes: ['completions', 'read'], ...input } },
    token,
    account ? { 'x-tollgate-account': account } : {},
  );
  const created = ok(res, 'createApiKey');
  return { id: created.apiKey.id, secret: created.secret, apiKey: created.apiKey };
}

/** One sandbox completion by key (or session): its charge in micro-credits, or the refusal. */
export async function spendOnce(t: TestApp, credential: string, headers: Record<string, string> = {}): Promise<{ charged: bigint } | { refused: GqlResult }> {
  const res = await t.gql(COMPLETE, { i: { model: 'sandbox/echo', prompt: `spend ${randomUUID()}`, maxTokens: 20 } }, credential, headers);
  if (res.errors) return { refused: res };
  return { charged: parseCredits(res.data!.complete.charged) };
}

/** Spends until a call is refused (at most `max` calls): what was charged, and the refusal. */
export async function spendToCap(t: TestApp, credential: string, headers: Record<string, string> = {}, max = 60) {
  const charges: bigint[] = [];
  for (let i = 0; i < max; i += 1) {
    const r = await spendOnce(t, credential, headers);
    if ('refused' in r) return { charges, refusal: r.refused };
    charges.push(r.charged);
  }
  throw new Error(`no refusal after ${max} calls`);
}

/** The usage entries attributed to a key, newest first (to refund one). */
export const usageEntriesOfKey = (t: TestApp, keyId: string) =>
  withClient(t.databaseUrl, async (c) => {
    const rows = (await c.query(`select id, amount from ledger_entry where api_key_id = $1 and type = 'usage' order by seq desc`, [keyId])).rows;
    return rows.map((r) => ({ id: r.id as string, amount: -BigInt(r.amount) }));
  });

/** An admin refund of part of a usage entry; returns the refunded micro-credits. */
export async function refund(t: TestApp, admin: string, accountUserId: string, entryId: string, amount: string): Promise<bigint> {
  const input = { userId: accountUserId, transactionId: entryId, amount, reason: 'cap test refund', idempotencyKey: randomUUID() };
  return parseCredits(ok(await t.gql(REFUND, { i: input }, admin), 'adminRefundCredits').amount);
}

export const micro = (credits: string) => parseCredits(credits);
export const sumOf = (xs: bigint[]) => xs.reduce((a, b) => a + b, 0n);
export const extensionsOf = (res: GqlResult) => (res.errors?.[0]?.extensions ?? {}) as Record<string, any>;

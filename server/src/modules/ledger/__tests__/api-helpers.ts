/**
 * What the ledger's GraphQL test files share: one real server per test file, the admin signed in
 * on it, and users who each sign up from an address of their own.
 *
 * `t`, `admin` and `usersCreated` are live bindings: `useLedgerApp()` registers the hooks that set
 * them, and every test file gets its own copy of this module (vitest isolates test files).
 */
import { afterAll, beforeAll } from 'vitest';
import { startTestApp, TEST_ADMIN, type TestApp } from '../../../test-support/app.js';
import { GOOD_PASSWORD, SIGN_IN, SIGN_UP, uniqueEmail } from '../../auth/__tests__/helpers.js';

export interface User {
  token: string;
  id: string;
  email: string;
}

/** A ledger entry as the API answers it. */
export interface Tx {
  id: string;
  type: string;
  amount: string;
  balanceAfter: string;
  description: string;
  reference: string | null;
  actorType: string;
  createdAt: string;
}

export let t: TestApp;
export let admin: { token: string; id: string };
/** Users signed up through `newUser` in this test file. */
export let usersCreated = 0;

/** Starts this file's server before its tests (signing the admin in) and stops it after them. */
export function useLedgerApp(): void {
  beforeAll(async () => {
    t = await startTestApp();
    const res = await t.gql(SIGN_IN, { input: TEST_ADMIN });
    if (!res.data) throw new Error(`admin sign-in failed: ${JSON.stringify(res.errors)}`);
    admin = { token: res.data.signIn.token, id: res.data.signIn.user.id };
  });
  afterAll(async () => {
    await t?.stop();
  });
}

let ipCounter = 0;
/** Sign-ups are limited per address; each user here signs up from one of its own (loopback is a trusted proxy). */
export async function newUser(tag: string): Promise<User> {
  ipCounter += 1;
  const email = uniqueEmail(tag);
  const ip = `198.51.${100 + Math.floor(ipCounter / 250)}.${ipCounter % 250}`;
  const res = await t.gql(SIGN_UP, { input: { email, password: GOOD_PASSWORD } }, undefined, { 'x-forwarded-for': ip });
  if (!res.data) throw new Error(`sign-up failed: ${JSON.stringify(res.errors)}`);
  usersCreated += 1;
  return { token: res.data.signUp.token, id: res.data.signUp.user.id, email };
}

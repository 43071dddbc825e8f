import type { TestApp } from '../../../test-support/app.js';

let counter = 0;
export function uniqueEmail(tag = 'user'): string {
  counter += 1;
  return `${tag}-${process.pid}-${Date.now()}-${counter}@example.com`;
}

export const GOOD_PASSWORD = 'correct-horse-7';

export const SIGN_UP = `mutation SignUp($input: SignUpInput!) {
  signUp(input: $input) { token expiresAt user { id email role tier { code } } }
}`;
export const SIGN_IN = `mutation SignIn($input: SignInInput!) {
  signIn(input: $input) { token user { id email role } }
}`;
export const CREATE_KEY = `mutation Create($input: CreateApiKeyInput!) {
  createApiKey(input: $input) { secret apiKey { id name prefix scopes lastUsedAt revokedAt } }
}`;

/** Signs a new user up and returns its token and id. */
export async function signUp(t: TestApp, email = uniqueEmail()): Promise<{ token: string; id: string; email: string }> {
  const res = await t.gql(SIGN_UP, { input: { email, password: GOOD_PASSWORD } });
  if (!res.data) throw new Error(`sign-up failed: ${JSON.stringify(res.errors)}`);
  return { token: res.data.signUp.token, id: res.data.signUp.user.id, email };
}

export async function createKey(t: TestApp, token: string, scopes: string[], name = 'ci'): Promise<{ id: string; secret: string; prefix: string }> {
  const res = await t.gql(CREATE_KEY, { input: { name, scopes } }, token);
  if (!res.data) throw new Error(`createApiKey failed: ${JSON.stringify(res.errors)}`);
  return { id: res.data.createApiKey.apiKey.id, secret: res.data.createApiKey.secret, prefix: res.data.createApiKey.apiKey.prefix };
}

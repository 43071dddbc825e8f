/**
 * GraphQL over HTTP straight to the server under test, for setting the scene quickly (accounts,
 * ledger history) so the browser steps are the ones the test is about.
 */
export async function graphql<T = Record<string, unknown>>(
  baseUrl: string,
  query: string,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<T> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
  if (body.errors?.length || !body.data) throw new Error(`GraphQL error: ${JSON.stringify(body.errors)}`);
  return body.data;
}

export interface ApiSession {
  token: string;
  userId: string;
}

export async function signUp(baseUrl: string, email: string, password: string): Promise<ApiSession> {
  const data = await graphql<{ signUp: { token: string; user: { id: string } } }>(
    baseUrl,
    'mutation($input: SignUpInput!) { signUp(input: $input) { token user { id } } }',
    { input: { email, password } },
  );
  return { token: data.signUp.token, userId: data.signUp.user.id };
}

export async function signIn(baseUrl: string, email: string, password: string): Promise<ApiSession> {
  const data = await graphql<{ signIn: { token: string; user: { id: string } } }>(
    baseUrl,
    'mutation($input: SignInInput!) { signIn(input: $input) { token user { id } } }',
    { input: { email, password } },
  );
  return { token: data.signIn.token, userId: data.signIn.user.id };
}

export interface ApiCompletion {
  model: string;
  content: string;
  cached: boolean;
  charged: string;
}

/** A `complete` call over HTTP, as an application using Tollgate would make it. */
export async function complete(baseUrl: string, token: string, input: { model: string; prompt: string; maxTokens?: number }): Promise<ApiCompletion> {
  const data = await graphql<{ complete: ApiCompletion }>(
    baseUrl,
    'mutation($input: CompletionInput!) { complete(input: $input) { model content cached charged } }',
    { input },
    token,
  );
  return data.complete;
}

/** Moves a user to another tier (an admin's call), e.g. one that allows their own provider keys. */
export async function setTier(baseUrl: string, adminToken: string, userId: string, tier: string): Promise<void> {
  await graphql(baseUrl, 'mutation($u: ID!, $t: String!) { adminSetTier(userId: $u, tier: $t) { id } }', { u: userId, t: tier }, adminToken);
}

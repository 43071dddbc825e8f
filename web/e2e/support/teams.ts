import { randomUUID } from 'node:crypto';

/**
 * Teams over HTTP, for setting a scene (a team with a member) so the browser steps are the ones a
 * test is about. A session acts for a team with the X-Tollgate-Account header, as the SPA does.
 */

/** GraphQL as `token`, acting for `account` (a team's id) when given. Throws on any error. */
export async function graphqlAs<T = Record<string, unknown>>(
  baseUrl: string,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
  account?: string,
): Promise<T> {
  const body = await graphqlAnswer<T>(baseUrl, token, query, variables, account);
  if (body.errors?.length || !body.data) throw new Error(`GraphQL error: ${JSON.stringify(body.errors)}`);
  return body.data;
}

export interface GraphqlError {
  message: string;
  extensions?: Record<string, unknown>;
}

/** The whole answer, errors included, for a test about a refusal. */
export async function graphqlAnswer<T = Record<string, unknown>>(
  baseUrl: string,
  token: string,
  query: string,
  variables: Record<string, unknown> = {},
  account?: string,
): Promise<{ data?: T | null; errors?: GraphqlError[] }> {
  const response = await fetch(`${baseUrl}/graphql`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      authorization: `Bearer ${token}`,
      ...(account ? { 'x-tollgate-account': account } : {}),
    },
    body: JSON.stringify({ query, variables }),
  });
  return (await response.json()) as { data?: T | null; errors?: GraphqlError[] };
}

export async function createTeam(baseUrl: string, token: string, name: string): Promise<{ id: string; name: string }> {
  const data = await graphqlAs<{ createTeam: { id: string; name: string } }>(
    baseUrl,
    token,
    'mutation($input: CreateTeamInput!) { createTeam(input: $input) { id name } }',
    { input: { name } },
  );
  return data.createTeam;
}

/** An invitation link (no mail), as an owner or admin copies it from the members page. */
export async function invitationLink(baseUrl: string, token: string, teamId: string, role: 'ADMIN' | 'MEMBER' = 'MEMBER'): Promise<string> {
  const data = await graphqlAs<{ inviteTeamMember: { link: string } }>(
    baseUrl,
    token,
    'mutation($input: InviteTeamMemberInput!) { inviteTeamMember(input: $input) { link } }',
    { input: { teamId, role } },
  );
  return data.inviteTeamMember.link;
}

/** The token at the end of an invitation link (`<PUBLIC_URL>/invite/<token>`). */
export function invitationToken(link: string): string {
  const token = new URL(link).pathname.split('/').pop();
  if (!token) throw new Error(`not an invitation link: ${link}`);
  return decodeURIComponent(token);
}

export async function acceptInvitation(baseUrl: string, token: string, link: string): Promise<void> {
  await graphqlAs(baseUrl, token, 'mutation($t: String!) { acceptTeamInvitation(token: $t) { id } }', { t: invitationToken(link) });
}

/** Credit for a team's pool, granted by the admin (the console's own action, over HTTP). */
export async function grantCredits(baseUrl: string, adminToken: string, accountId: string, amount: string): Promise<void> {
  await graphqlAs(baseUrl, adminToken, 'mutation($input: AdminCreditInput!) { adminGrantCredits(input: $input) { id } }', {
    input: { userId: accountId, amount, reason: 'e2e: credit for the team', idempotencyKey: randomUUID() },
  });
}

/** The acting account's available balance (a Credits string). */
export async function availableBalance(baseUrl: string, token: string, account?: string): Promise<string> {
  const data = await graphqlAs<{ creditBalance: { available: string } }>(baseUrl, token, '{ creditBalance { available } }', {}, account);
  return data.creditBalance.available;
}

/** What the teams suites share: the operations, a team with people in given roles, and what a refusal must leave alone. */
import { withClient } from '../../../test-support/database.js';
import type { GqlResult, TestApp } from '../../../test-support/app.js';
import { GOOD_PASSWORD, SIGN_UP, uniqueEmail } from '../../auth/__tests__/helpers.js';
import { ok } from '../../gateway/__tests__/support.js';

export const TEAM_FIELDS = 'id name billingEmail myRole memberCount tierCode createdAt';
export const CREATE = `mutation($i: CreateTeamInput!) { createTeam(input: $i) { ${TEAM_FIELDS} } }`;
export const UPDATE = `mutation($i: UpdateTeamInput!) { updateTeam(input: $i) { ${TEAM_FIELDS} } }`;
export const MY_TEAMS = `{ myTeams { ${TEAM_FIELDS} } }`;
export const TEAM = `query($id: ID!) { team(id: $id) { ${TEAM_FIELDS} } }`;
export const MEMBERS = `query($t: ID!) { teamMembers(teamId: $t) { userId email role joinedAt } }`;
export const INVITATIONS = `query($t: ID!) { teamInvitations(teamId: $t) { id email role invitedByEmail createdAt expiresAt status } }`;
export const INVITE = `mutation($i: InviteTeamMemberInput!) { inviteTeamMember(input: $i) { link invitation { id email role invitedByEmail expiresAt status } } }`;
export const REVOKE_INVITATION = `mutation($id: ID!) { revokeTeamInvitation(id: $id) { id status } }`;
export const PREVIEW = `query($token: String!) { teamInvitation(token: $token) { teamId teamName role email invitedByEmail expiresAt } }`;
export const ACCEPT = `mutation($token: String!) { acceptTeamInvitation(token: $token) { ${TEAM_FIELDS} } }`;
export const CHANGE_ROLE = `mutation($t: ID!, $u: ID!, $r: TeamRole!) { changeTeamMemberRole(teamId: $t, userId: $u, role: $r) { userId email role } }`;
export const REMOVE = `mutation($t: ID!, $u: ID!) { removeTeamMember(teamId: $t, userId: $u) }`;
export const LEAVE = `mutation($t: ID!) { leaveTeam(teamId: $t) }`;
export const ADMIN_TEAMS = `query($s: String, $f: Int, $a: String) { adminTeams(search: $s, first: $f, after: $a) {
  nodes { id name billingEmail ownerEmail memberCount tierCode balance createdAt } totalCount endCursor hasNextPage pageInfo { endCursor hasNextPage } } }`;

export interface Person {
  id: string;
  token: string;
  email: string;
}

let ip = 0;
/** A new person, each from an address of its own (sign-up is rate-limited per IP). */
export async function person(t: TestApp, tag: string): Promise<Person> {
  ip += 1;
  const email = uniqueEmail(tag);
  const res = await t.gql(SIGN_UP, { input: { email, password: GOOD_PASSWORD } }, undefined, {
    'x-forwarded-for': `198.19.${Math.floor(ip / 250)}.${(ip % 250) + 1}`,
  });
  const signedUp = ok(res, 'signUp');
  return { id: signedUp.user.id, token: signedUp.token, email };
}

/** Acting for a team: the header a session sends. */
export const acting = (teamId: string) => ({ 'x-tollgate-account': teamId });

/** The invitation token at the end of a link. */
export const tokenOf = (link: string) => link.slice(link.lastIndexOf('/') + 1);

export async function createTeam(t: TestApp, owner: Person, name = 'Acme'): Promise<{ id: string; name: string }> {
  return ok(await t.gql(CREATE, { i: { name } }, owner.token), 'createTeam');
}

/** Invites by link and accepts as `who`, then sets the role (an owner may give any). */
export async function join(t: TestApp, teamId: string, owner: Person, who: Person, role: 'OWNER' | 'ADMIN' | 'MEMBER'): Promise<void> {
  const created = ok(await t.gql(INVITE, { i: { teamId, role: role === 'OWNER' ? 'ADMIN' : role } }, owner.token), 'inviteTeamMember');
  ok(await t.gql(ACCEPT, { token: tokenOf(created.link) }, who.token), 'acceptTeamInvitation');
  if (role === 'OWNER') ok(await t.gql(CHANGE_ROLE, { t: teamId, u: who.id, r: 'OWNER' }, owner.token), 'changeTeamMemberRole');
}

/** Everything a team operation may write: compared before and after a refused one. */
export async function teamState(t: TestApp, teamId: string) {
  return withClient(t.databaseUrl, async (c) => {
    const q = async (text: string) => (await c.query(text, [teamId])).rows;
    return {
      team: await q(`select name, billing_email from team where id = $1`),
      members: await q(`select user_id, role from team_member where team_id = $1 order by user_id`),
      invitations: await q(`select id, email, role, accepted_by, revoked_at from team_invitation where team_id = $1 order by id`),
      keys: await q(`select id, revoked_at from api_key where account_id = $1 order by id`),
      teams: (await c.query(`select count(*)::int as n from team`)).rows[0].n,
    };
  });
}

export const reasonOf = (res: GqlResult) => res.errors?.[0]?.extensions?.reason;
export const fieldOf = (res: GqlResult) => res.errors?.[0]?.extensions?.field;

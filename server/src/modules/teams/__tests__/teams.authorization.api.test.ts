import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type GqlResult, type TestApp } from '../../../test-support/app.js';
import { CREATE_KEY } from '../../auth/__tests__/helpers.js';
import { ledgerAudit, ok, signInAdmin } from '../../gateway/__tests__/support.js';
import * as q from './teams-support.js';
import { acting, createTeam, join, person, teamState, type Person } from './teams-support.js';

/**
 * Who may do what to a team, for EVERY team operation: its owner, an admin, a member, a signed-in
 * non-member, another team's owner, a team key (a member's key on the team) and a personal key.
 * Someone outside the team reads NOT_FOUND (a team's existence is never revealed), a member without
 * the role FORBIDDEN, an API key FORBIDDEN for everything but reading its own team. Every refusal
 * leaves the team exactly as it was.
 */
let t: TestApp;
let admin: string;
let owner: Person, teamAdmin: Person, member: Person, outsider: Person, otherOwner: Person;
let teamA: string, teamB: string;
let teamKey: string, personalKey: string;

type Actor = 'owner' | 'admin' | 'member' | 'nonMember' | 'otherTeamOwner' | 'teamKey' | 'personalKey';
const ACTORS: Actor[] = ['owner', 'admin', 'member', 'nonMember', 'otherTeamOwner', 'teamKey', 'personalKey'];
/** What an actor is answered: ok, or the error code. */
type Outcome = 'ok' | 'NOT_FOUND' | 'FORBIDDEN';

const credential = (a: Actor): string =>
  ({ owner: owner.token, admin: teamAdmin.token, member: member.token, nonMember: outsider.token, otherTeamOwner: otherOwner.token, teamKey, personalKey })[a];

beforeAll(async () => {
  t = await startTestApp();
  admin = await signInAdmin(t);
  [owner, teamAdmin, member, outsider, otherOwner] = await Promise.all(['o', 'a', 'm', 'x', 'b'].map((tag) => person(t, `authz-${tag}`)));
  teamA = (await createTeam(t, owner, 'Team A')).id;
  teamB = (await createTeam(t, otherOwner, 'Team B')).id;
  await join(t, teamA, owner, teamAdmin, 'ADMIN');
  await join(t, teamA, owner, member, 'MEMBER');
  teamKey = ok(await t.gql(CREATE_KEY, { input: { name: 'team', scopes: ['read'] } }, member.token, acting(teamA)), 'createApiKey').secret;
  personalKey = ok(await t.gql(CREATE_KEY, { input: { name: 'own', scopes: ['read'] } }, member.token), 'createApiKey').secret;
});
afterAll(async () => {
  await t?.stop();
});

const outcome = (res: GqlResult): string => (res.errors ? (errorCode(res) ?? 'no code') : 'ok');

/** A team member that an operation may change or remove: fresh for every try. */
async function target(tag: string): Promise<Person> {
  const p = await person(t, tag);
  await join(t, teamA, owner, p, 'MEMBER');
  return p;
}

/** Each operation on team A, run as `actor` (with whatever fresh state it needs), and who may do it. */
const MATRIX: Array<{ op: string; run: (actor: Actor) => Promise<GqlResult>; expect: Record<Actor, Outcome> }> = [
  {
    op: 'team',
    run: (a) => t.gql(q.TEAM, { id: teamA }, credential(a)),
    expect: { owner: 'ok', admin: 'ok', member: 'ok', nonMember: 'NOT_FOUND', otherTeamOwner: 'NOT_FOUND', teamKey: 'ok', personalKey: 'NOT_FOUND' },
  },
  {
    op: 'teamMembers',
    run: (a) => t.gql(q.MEMBERS, { t: teamA }, credential(a)),
    expect: { owner: 'ok', admin: 'ok', member: 'ok', nonMember: 'NOT_FOUND', otherTeamOwner: 'NOT_FOUND', teamKey: 'ok', personalKey: 'NOT_FOUND' },
  },
  {
    op: 'teamInvitations',
    run: (a) => t.gql(q.INVITATIONS, { t: teamA }, credential(a)),
    expect: {
      owner: 'ok',
      admin: 'ok',
      member: 'FORBIDDEN',
      nonMember: 'NOT_FOUND',
      otherTeamOwner: 'NOT_FOUND',
      teamKey: 'FORBIDDEN',
      personalKey: 'FORBIDDEN',
    },
  },
  {
    op: 'updateTeam',
    run: (a) => t.gql(q.UPDATE, { i: { teamId: teamA, name: 'Team A' } }, credential(a)),
    expect: {
      owner: 'ok',
      admin: 'ok',
      member: 'FORBIDDEN',
      nonMember: 'NOT_FOUND',
      otherTeamOwner: 'NOT_FOUND',
      teamKey: 'FORBIDDEN',
      personalKey: 'FORBIDDEN',
    },
  },
  {
    op: 'inviteTeamMember',
    run: (a) => t.gql(q.INVITE, { i: { teamId: teamA, role: 'MEMBER' } }, credential(a)),
    expect: {
      owner: 'ok',
      admin: 'ok',
      member: 'FORBIDDEN',
      nonMember: 'NOT_FOUND',
      otherTeamOwner: 'NOT_FOUND',
      teamKey: 'FORBIDDEN',
      personalKey: 'FORBIDDEN',
    },
  },
  {
    op: 'revokeTeamInvitation',
    run: async (a) => {
      const inv = ok(await t.gql(q.INVITE, { i: { teamId: teamA, role: 'MEMBER' } }, owner.token), 'inviteTeamMember');
      return t.gql(q.REVOKE_INVITATION, { id: inv.invitation.id }, credential(a));
    },
    expect: {
      owner: 'ok',
      admin: 'ok',
      member: 'FORBIDDEN',
      nonMember: 'NOT_FOUND',
      otherTeamOwner: 'NOT_FOUND',
      teamKey: 'FORBIDDEN',
      personalKey: 'FORBIDDEN',
    },
  },
  {
    op: 'changeTeamMemberRole',
    run: async (a) => t.gql(q.CHANGE_ROLE, { t: teamA, u: (await target('authz-role')).id, r: 'ADMIN' }, credential(a)),
    expect: {
      owner: 'ok',
      admin: 'ok',
      member: 'FORBIDDEN',
      nonMember: 'NOT_FOUND',
      otherTeamOwner: 'NOT_FOUND',
      teamKey: 'FORBIDDEN',
      personalKey: 'FORBIDDEN',
    },
  },
  {
    op: 'removeTeamMember',
    run: async (a) => t.gql(q.REMOVE, { t: teamA, u: (await target('authz-remove')).id }, credential(a)),
    expect: {
      owner: 'ok',
      admin: 'ok',
      member: 'FORBIDDEN',
      nonMember: 'NOT_FOUND',
      otherTeamOwner: 'NOT_FOUND',
      teamKey: 'FORBIDDEN',
      personalKey: 'FORBIDDEN',
    },
  },
  {
    // Not a member: nothing to leave. Members leaving are in teams.api.test.ts (it changes who is who here).
    op: 'leaveTeam',
    run: (a) => t.gql(q.LEAVE, { t: teamA }, credential(a)),
    expect: { owner: 'ok', admin: 'ok', member: 'ok', nonMember: 'NOT_FOUND', otherTeamOwner: 'NOT_FOUND', teamKey: 'FORBIDDEN', personalKey: 'FORBIDDEN' },
  },
  {
    op: 'myTeams',
    run: (a) => t.gql(q.MY_TEAMS, {}, credential(a)),
    expect: { owner: 'ok', admin: 'ok', member: 'ok', nonMember: 'ok', otherTeamOwner: 'ok', teamKey: 'FORBIDDEN', personalKey: 'FORBIDDEN' },
  },
  {
    op: 'createTeam',
    run: (a) => t.gql(q.CREATE, { i: { name: 'Side project' } }, credential(a)),
    expect: { owner: 'ok', admin: 'ok', member: 'ok', nonMember: 'ok', otherTeamOwner: 'ok', teamKey: 'FORBIDDEN', personalKey: 'FORBIDDEN' },
  },
  {
    op: 'acceptTeamInvitation',
    run: async (a) => {
      const inv = ok(await t.gql(q.INVITE, { i: { teamId: teamB, role: 'MEMBER' } }, otherOwner.token), 'inviteTeamMember');
      const res = await t.gql(q.ACCEPT, { token: q.tokenOf(inv.link) }, credential(a));
      // Whoever joined B leaves again, so the next actor starts from the same teams.
      if (!res.errors && a !== 'otherTeamOwner') ok(await t.gql(q.LEAVE, { t: teamB }, credential(a)), 'leaveTeam');
      return res;
    },
    expect: { owner: 'ok', admin: 'ok', member: 'ok', nonMember: 'ok', otherTeamOwner: 'ok', teamKey: 'FORBIDDEN', personalKey: 'FORBIDDEN' },
  },
  {
    op: 'adminTeams',
    run: (a) => t.gql(q.ADMIN_TEAMS, {}, credential(a)),
    expect: {
      owner: 'FORBIDDEN',
      admin: 'FORBIDDEN',
      member: 'FORBIDDEN',
      nonMember: 'FORBIDDEN',
      otherTeamOwner: 'FORBIDDEN',
      teamKey: 'FORBIDDEN',
      personalKey: 'FORBIDDEN',
    },
  },
];

describe('the authorization matrix of every team operation', () => {
  it('answers each actor as the matrix says, and a refusal changes nothing', async () => {
    const wrong: string[] = [];
    for (const { op, run, expect: allowed } of MATRIX) {
      for (const actor of ACTORS) {
        // leaveTeam by those who may: the last check of the matrix, on a team of their own (A keeps its people).
        if (op === 'leaveTeam' && allowed[actor] === 'ok') continue;
        const before = await teamState(t, teamA);
        const got = outcome(await run(actor));
        if (got !== allowed[actor]) wrong.push(`${op} as ${actor}: ${got}, expected ${allowed[actor]}`);
        if (got !== 'ok' && op !== 'revokeTeamInvitation' && op !== 'changeTeamMemberRole' && op !== 'removeTeamMember') {
          const after = await teamState(t, teamA);
          if (JSON.stringify({ ...after, teams: 0 }) !== JSON.stringify({ ...before, teams: 0 })) wrong.push(`${op} as ${actor}: refused but wrote`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('a refused change of a role or a removal leaves the member as they were', async () => {
    const p = await target('authz-still');
    for (const credentialOf of [member.token, outsider.token, otherOwner.token, teamKey, personalKey]) {
      expect(errorCode(await t.gql(q.CHANGE_ROLE, { t: teamA, u: p.id, r: 'ADMIN' }, credentialOf))).toMatch(/FORBIDDEN|NOT_FOUND/);
      expect(errorCode(await t.gql(q.REMOVE, { t: teamA, u: p.id }, credentialOf))).toMatch(/FORBIDDEN|NOT_FOUND/);
    }
    const members = ok(await t.gql(q.MEMBERS, { t: teamA }, owner.token), 'teamMembers');
    expect(members.find((m: { userId: string }) => m.userId === p.id)).toMatchObject({ role: 'MEMBER' });
  });

  it('a member of team A never sees team B, by session, by acting for it, or by key', async () => {
    for (const cred of [member.token, teamAdmin.token, owner.token, teamKey, personalKey]) {
      expect(errorCode(await t.gql(q.TEAM, { id: teamB }, cred))).toBe('NOT_FOUND');
      expect(errorCode(await t.gql(q.MEMBERS, { t: teamB }, cred))).toBe('NOT_FOUND');
    }
    expect(errorCode(await t.gql(q.INVITATIONS, { t: teamB }, owner.token))).toBe('NOT_FOUND');
    expect(errorCode(await t.gql('{ creditBalance { balance } }', {}, member.token, acting(teamB)))).toBe('FORBIDDEN');
    const mine = ok(await t.gql(q.MY_TEAMS, {}, member.token), 'myTeams');
    expect(mine.map((x: { id: string }) => x.id)).toContain(teamA);
    expect(mine.map((x: { id: string }) => x.id)).not.toContain(teamB);
    // An id that is not a team's reads the same as another team's.
    for (const id of ['not-a-uuid', '00000000-0000-4000-8000-000000000000']) expect(errorCode(await t.gql(q.TEAM, { id }, member.token))).toBe('NOT_FOUND');
  });

  it('a member cannot change any role, their own included, nor act as a manager by acting for the team', async () => {
    const before = await teamState(t, teamA);
    for (const r of ['ADMIN', 'OWNER']) {
      expect(errorCode(await t.gql(q.CHANGE_ROLE, { t: teamA, u: member.id, r }, member.token))).toBe('FORBIDDEN');
      expect(errorCode(await t.gql(q.CHANGE_ROLE, { t: teamA, u: member.id, r }, member.token, acting(teamA)))).toBe('FORBIDDEN');
    }
    expect(await teamState(t, teamA)).toEqual(before);
  });

  it('leaving: every member may (the last owner excepted); a key may not', async () => {
    const team = await createTeam(t, owner, 'Leavers');
    const [a, m] = [await person(t, 'authz-leave-a'), await person(t, 'authz-leave-m')];
    await join(t, team.id, owner, a, 'ADMIN');
    await join(t, team.id, owner, m, 'MEMBER');
    const key = ok(await t.gql(CREATE_KEY, { input: { name: 'k', scopes: ['read'] } }, m.token, acting(team.id)), 'createApiKey').secret;
    expect(errorCode(await t.gql(q.LEAVE, { t: team.id }, key))).toBe('FORBIDDEN');
    expect(ok(await t.gql(q.LEAVE, { t: team.id }, m.token), 'leaveTeam')).toBe(true);
    expect(ok(await t.gql(q.LEAVE, { t: team.id }, a.token), 'leaveTeam')).toBe(true);
    expect(errorCode(await t.gql(q.LEAVE, { t: team.id }, owner.token))).toBe('BAD_USER_INPUT');
  });

  it('leaves the ledger consistent', async () => {
    expect((await ledgerAudit(t, admin)).violations).toEqual([]);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withClient } from '../../../test-support/database.js';
import { errorCode, startTestApp, type TestApp } from '../../../test-support/app.js';
import { CREATE_KEY, GOOD_PASSWORD, SIGN_IN } from '../../auth/__tests__/helpers.js';
import { mailsTo } from '../../auth/__tests__/password-support.js';
import { ledgerAudit, ok, signInAdmin } from '../../gateway/__tests__/support.js';
import * as q from './teams-support.js';
import { acting, createTeam, fieldOf, join, reasonOf, teamState, tokenOf, type Person } from './teams-support.js';

/**
 * Teams end to end over HTTP on a real server: creating one (an account holder of its own), roles,
 * removal and leaving (which revoke the person's keys on the team), the last-owner rule also under
 * concurrency, the console's list, and bad input refused with a clear code and nothing written.
 * Invitations: teams.invitations.api.test.ts.
 */
let t: TestApp;
let admin: string;
const PUBLIC_URL = 'https://tollgate.example';

beforeAll(async () => {
  t = await startTestApp({ PUBLIC_URL });
  admin = await signInAdmin(t);
});
afterAll(async () => {
  await t?.stop();
});

const BALANCE = '{ creditBalance { balance held } }';
const teamKey = async (who: Person, teamId: string) =>
  ok(await t.gql(CREATE_KEY, { input: { name: 'team key', scopes: ['read'] } }, who.token, acting(teamId)), 'createApiKey');
const dbRow = (text: string, params: unknown[]) => withClient(t.databaseUrl, async (c) => (await c.query(text, params)).rows[0]);

describe('creating a team', () => {
  it('makes an account holder of kind team, an empty credit account, and the creator its owner', async () => {
    const owner = await q.person(t, 'create');
    const team = ok(await t.gql(q.CREATE, { i: { name: '  Acme Research  ' } }, owner.token), 'createTeam');
    expect(team).toMatchObject({ name: 'Acme Research', billingEmail: owner.email, myRole: 'OWNER', memberCount: 1, tierCode: 'free' });

    const holder = await dbRow(`select email, password_hash, kind, tier_code from app_user where id = $1`, [team.id]);
    expect(holder).toEqual({ email: `team-${team.id}@teams.invalid`, password_hash: '!', kind: 'team', tier_code: 'free' });
    // No sign-up bonus: the account exists, empty, with no entry.
    const account = await dbRow(
      `select balance, (select count(*)::int from ledger_entry e where e.account_id = a.id) as entries from credit_account a where user_id = $1`,
      [team.id],
    );
    expect(account).toEqual({ balance: '0', entries: 0 });
    expect(ok(await t.gql(BALANCE, {}, owner.token, acting(team.id)), 'creditBalance')).toEqual({ balance: '0.000000', held: '0.000000' });
    expect(ok(await t.gql(q.MY_TEAMS, {}, owner.token), 'myTeams').map((x: { id: string }) => x.id)).toEqual([team.id]);
  });

  it('takes a billing email, normalised', async () => {
    const owner = await q.person(t, 'billing');
    const team = ok(await t.gql(q.CREATE, { i: { name: 'Billing Co', billingEmail: ' Pay@Example.COM ' } }, owner.token), 'createTeam');
    expect(team.billingEmail).toBe('pay@example.com');
  });

  it('refuses a bad name or billing email with BAD_USER_INPUT and writes nothing', async () => {
    const owner = await q.person(t, 'bad-create');
    const before = await dbRow(`select count(*)::int as n from app_user`, []);
    for (const [input, field] of [
      [{ name: '   ' }, 'name'],
      [{ name: 'x'.repeat(81) }, 'name'],
      [{ name: 'line\nbreak' }, 'name'],
      [{ name: 'Fine', billingEmail: 'not-an-email' }, 'billingEmail'],
    ] as const) {
      const res = await t.gql(q.CREATE, { i: input }, owner.token);
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(fieldOf(res)).toBe(field);
    }
    expect(await dbRow(`select count(*)::int as n from app_user`, [])).toEqual(before);
    expect(ok(await t.gql(q.MY_TEAMS, {}, owner.token), 'myTeams')).toEqual([]);
    // 80 characters is still a name.
    expect(ok(await t.gql(q.CREATE, { i: { name: 'é'.repeat(80) } }, owner.token), 'createTeam').name).toHaveLength(80);
  });

  it("a team's account holder cannot sign in, and the refusal is the usual one", async () => {
    const owner = await q.person(t, 'no-signin');
    const team = await createTeam(t, owner);
    const res = await t.gql(SIGN_IN, { input: { email: `team-${team.id}@teams.invalid`, password: GOOD_PASSWORD } });
    expect(errorCode(res)).toBe('UNAUTHENTICATED');
    expect(res.errors?.[0]?.message).toBe('Email or password is incorrect');
    // Nor can a reset link be asked for it: the usual answer, and no link stored or mailed.
    const address = `team-${team.id}@teams.invalid`;
    expect(ok(await t.gql(`mutation($e: String!) { requestPasswordReset(email: $e) }`, { e: address }), 'requestPasswordReset')).toBe(true);
    expect(await dbRow(`select count(*)::int as n from password_reset where user_id = $1`, [team.id])).toEqual({ n: 0 });
    expect(await mailsTo(t, address)).toEqual([]);
  });

  it('renames a team and changes its billing email (owner or admin); bad input writes nothing', async () => {
    const owner = await q.person(t, 'update');
    const team = await createTeam(t, owner);
    const updated = ok(await t.gql(q.UPDATE, { i: { teamId: team.id, name: 'Renamed', billingEmail: 'books@example.com' } }, owner.token), 'updateTeam');
    expect(updated).toMatchObject({ name: 'Renamed', billingEmail: 'books@example.com' });
    const before = await teamState(t, team.id);
    const bad = await t.gql(q.UPDATE, { i: { teamId: team.id, name: 'Fine', billingEmail: '@nope' } }, owner.token);
    expect(errorCode(bad)).toBe('BAD_USER_INPUT');
    expect(await teamState(t, team.id)).toEqual(before);
  });
});

describe('roles, removal and leaving', () => {
  it('an owner promotes and demotes; an admin moves people between member and admin only', async () => {
    const owner = await q.person(t, 'roles-owner');
    const adminP = await q.person(t, 'roles-admin');
    const member = await q.person(t, 'roles-member');
    const team = await createTeam(t, owner);
    await join(t, team.id, owner, adminP, 'ADMIN');
    await join(t, team.id, owner, member, 'MEMBER');

    const change = (who: Person, u: Person, r: string) => t.gql(q.CHANGE_ROLE, { t: team.id, u: u.id, r }, who.token);
    expect(ok(await change(adminP, member, 'ADMIN'), 'changeTeamMemberRole').role).toBe('ADMIN');
    expect(ok(await change(adminP, member, 'MEMBER'), 'changeTeamMemberRole').role).toBe('MEMBER');
    const before = await teamState(t, team.id);
    expect(errorCode(await change(adminP, member, 'OWNER'))).toBe('FORBIDDEN');
    expect(errorCode(await change(adminP, owner, 'ADMIN'))).toBe('FORBIDDEN');
    expect(errorCode(await change(member, member, 'ADMIN'))).toBe('FORBIDDEN');
    expect(errorCode(await change(member, adminP, 'MEMBER'))).toBe('FORBIDDEN');
    // The last owner cannot step down.
    const last = await change(owner, owner, 'ADMIN');
    expect(errorCode(last)).toBe('BAD_USER_INPUT');
    expect(reasonOf(last)).toBe('LAST_OWNER');
    expect(await teamState(t, team.id)).toEqual(before);

    expect(ok(await change(owner, member, 'OWNER'), 'changeTeamMemberRole').role).toBe('OWNER');
    expect(ok(await change(owner, owner, 'MEMBER'), 'changeTeamMemberRole').role).toBe('MEMBER');
    expect(errorCode(await change(owner, member, 'ADMIN'))).toBe('FORBIDDEN'); // a member now
    expect(ok(await t.gql(q.TEAM, { id: team.id }, member.token), 'team').myRole).toBe('OWNER');
  });

  it('removal takes the member out and revokes their keys on the team, not their own; admins cannot remove owners', async () => {
    const owner = await q.person(t, 'rm-owner');
    const adminP = await q.person(t, 'rm-admin');
    const member = await q.person(t, 'rm-member');
    const team = await createTeam(t, owner);
    await join(t, team.id, owner, adminP, 'ADMIN');
    await join(t, team.id, owner, member, 'MEMBER');
    const onTeam = await teamKey(member, team.id);
    const own = ok(await t.gql(CREATE_KEY, { input: { name: 'own', scopes: ['read'] } }, member.token), 'createApiKey');
    const adminKey = await teamKey(adminP, team.id);

    const before = await teamState(t, team.id);
    expect(errorCode(await t.gql(q.REMOVE, { t: team.id, u: owner.id }, adminP.token))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(q.REMOVE, { t: team.id, u: adminP.id }, member.token))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(q.REMOVE, { t: team.id, u: '00000000-0000-4000-8000-000000000000' }, adminP.token))).toBe('NOT_FOUND');
    expect(await teamState(t, team.id)).toEqual(before);

    expect(ok(await t.gql(q.REMOVE, { t: team.id, u: member.id }, adminP.token), 'removeTeamMember')).toBe(true);
    expect(errorCode(await t.gql(BALANCE, {}, onTeam.secret))).toBe('UNAUTHENTICATED');
    expect((await t.gql(BALANCE, {}, own.secret)).errors).toBeUndefined();
    expect((await t.gql(BALANCE, {}, adminKey.secret)).errors).toBeUndefined();
    expect(errorCode(await t.gql(BALANCE, {}, member.token, acting(team.id)))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(q.TEAM, { id: team.id }, member.token))).toBe('NOT_FOUND');
    const keys = await withClient(t.databaseUrl, async (c) => (await c.query(`select id, revoked_at from api_key where user_id = $1`, [member.id])).rows);
    expect(keys.find((k) => k.id === onTeam.apiKey.id)!.revoked_at).not.toBeNull();
    expect(keys.find((k) => k.id === own.apiKey.id)!.revoked_at).toBeNull();
    const members = ok(await t.gql(q.MEMBERS, { t: team.id }, owner.token), 'teamMembers');
    expect(members.map((m: { email: string }) => m.email).sort()).toEqual([owner.email, adminP.email].sort());
  });

  it('leaving revokes the leaver’s team keys; the last owner cannot leave until another owner exists', async () => {
    const owner = await q.person(t, 'leave-owner');
    const member = await q.person(t, 'leave-member');
    const team = await createTeam(t, owner);
    await join(t, team.id, owner, member, 'MEMBER');
    const key = await teamKey(member, team.id);
    expect(ok(await t.gql(q.LEAVE, { t: team.id }, member.token), 'leaveTeam')).toBe(true);
    expect(errorCode(await t.gql(BALANCE, {}, key.secret))).toBe('UNAUTHENTICATED');
    expect(ok(await t.gql(q.MY_TEAMS, {}, member.token), 'myTeams')).toEqual([]);

    const before = await teamState(t, team.id);
    const refused = await t.gql(q.LEAVE, { t: team.id }, owner.token);
    expect(errorCode(refused)).toBe('BAD_USER_INPUT');
    expect(reasonOf(refused)).toBe('LAST_OWNER');
    // Removing oneself is leaving: the same rule.
    expect(reasonOf(await t.gql(q.REMOVE, { t: team.id, u: owner.id }, owner.token))).toBe('LAST_OWNER');
    expect(await teamState(t, team.id)).toEqual(before);

    const second = await q.person(t, 'leave-second');
    await join(t, team.id, owner, second, 'OWNER');
    expect(ok(await t.gql(q.LEAVE, { t: team.id }, owner.token), 'leaveTeam')).toBe(true);
    expect(ok(await t.gql(q.MEMBERS, { t: team.id }, second.token), 'teamMembers')).toEqual([expect.objectContaining({ email: second.email, role: 'OWNER' })]);
  });
});

describe('at the same time', () => {
  it('two owners demoting or removing each other, or both leaving, at once: one wins, the team keeps an owner', async () => {
    const owners = async (teamId: string) =>
      (await dbRow(`select count(*)::int as n from team_member where team_id = $1 and role = 'owner'`, [teamId])).n as number;
    const races: Array<(x: Person, y: Person, teamId: string) => Promise<unknown>> = [
      (x, y, teamId) => t.gql(q.CHANGE_ROLE, { t: teamId, u: y.id, r: 'MEMBER' }, x.token),
      (x, y, teamId) => t.gql(q.REMOVE, { t: teamId, u: y.id }, x.token),
      (x, _y, teamId) => t.gql(q.LEAVE, { t: teamId }, x.token),
    ];
    for (const race of races) {
      const [x, y] = [await q.person(t, 'race-x'), await q.person(t, 'race-y')];
      const team = await createTeam(t, x);
      await join(t, team.id, x, y, 'OWNER');
      const results = (await Promise.all([race(x, y, team.id), race(y, x, team.id)])) as Array<{ errors?: unknown[] }>;
      expect(results.filter((r) => !r.errors)).toHaveLength(1);
      // The loser is no longer an owner (FORBIDDEN), no longer a member (NOT_FOUND), or the last owner (LAST_OWNER).
      const loser = results.find((r) => r.errors) as never;
      expect([errorCode(loser), reasonOf(loser)]).toEqual(
        race === races[2] ? ['BAD_USER_INPUT', 'LAST_OWNER'] : [race === races[0] ? 'FORBIDDEN' : 'NOT_FOUND', undefined],
      );
      expect(await owners(team.id)).toBe(1);
    }
  });

  it('one link accepted by two people at once adds exactly one', async () => {
    const owner = await q.person(t, 'race-link');
    const team = await createTeam(t, owner);
    const link = ok(await t.gql(q.INVITE, { i: { teamId: team.id, role: 'MEMBER' } }, owner.token), 'inviteTeamMember');
    const takers = await Promise.all([q.person(t, 'race-a'), q.person(t, 'race-b'), q.person(t, 'race-c')]);
    const results = await Promise.all(takers.map((p) => t.gql(q.ACCEPT, { token: tokenOf(link.link) }, p.token)));
    expect(results.filter((r) => !r.errors)).toHaveLength(1);
    expect(results.filter((r) => r.errors).map(errorCode)).toEqual(['NOT_FOUND', 'NOT_FOUND']);
    expect(ok(await t.gql(q.TEAM, { id: team.id }, owner.token), 'team').memberCount).toBe(2);
  });
});

describe('the console', () => {
  it('lists teams with owner, members, tier and balance; the users list leaves their account holders out', async () => {
    const owner = await q.person(t, 'console-owner');
    const member = await q.person(t, 'console-member');
    const team = await createTeam(t, owner, `Console Team ${Date.now()}`);
    await join(t, team.id, owner, member, 'MEMBER');
    const page = ok(await t.gql(q.ADMIN_TEAMS, { s: team.name.toUpperCase() }, admin), 'adminTeams');
    expect(page.totalCount).toBe(1);
    expect(page.nodes[0]).toMatchObject({
      id: team.id,
      ownerEmail: owner.email,
      memberCount: 2,
      tierCode: 'free',
      balance: '0.000000',
      billingEmail: owner.email,
    });
    expect(page.pageInfo).toEqual({ endCursor: page.endCursor, hasNextPage: false });

    const users = ok(
      await t.gql(`query($s: String) { adminUsers(search: $s, first: 100) { nodes { id } totalCount } }`, { s: 'teams.invalid' }, admin),
      'adminUsers',
    );
    expect(users.totalCount).toBe(0);
    expect(errorCode(await t.gql(q.ADMIN_TEAMS, {}, owner.token))).toBe('FORBIDDEN');
  });

  it('pages through every team once, newest first', async () => {
    const owner = await q.person(t, 'console-pages');
    const tag = `Paged ${Date.now()}`;
    const made = [];
    for (let i = 0; i < 3; i += 1) made.push((await createTeam(t, owner, `${tag} ${i}`)).id);
    const seen: string[] = [];
    let after: string | null = null;
    for (;;) {
      const page: any = ok(await t.gql(q.ADMIN_TEAMS, { s: tag, f: 2, a: after }, admin), 'adminTeams');
      seen.push(...page.nodes.map((n: { id: string }) => n.id));
      if (!page.hasNextPage) break;
      after = page.endCursor;
    }
    expect(seen).toEqual([...made].reverse());
    expect(errorCode(await t.gql(q.ADMIN_TEAMS, { a: 'not a cursor' }, admin))).toBe('BAD_USER_INPUT');
  });

  it('leaves the ledger consistent', async () => {
    expect((await ledgerAudit(t, admin)).violations).toEqual([]);
  });
});

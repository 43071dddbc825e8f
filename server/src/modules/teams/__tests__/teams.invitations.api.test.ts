import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withClient } from '../../../test-support/database.js';
import { errorCode, startTestApp, type TestApp } from '../../../test-support/app.js';
import { mailsTo, nthMail } from '../../auth/__tests__/password-support.js';
import { ledgerAudit, ok, signInAdmin } from '../../gateway/__tests__/support.js';
import * as q from './teams-support.js';
import { acting, createTeam, fieldOf, join, teamState, tokenOf } from './teams-support.js';

/**
 * Team invitations over HTTP on a real server: by mail (read from the development outbox) and by
 * link, the accept page's preview, single use, expiry and revocation, the per-inviter mail limit,
 * and bad input refused with a clear code and nothing written.
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
const dbRow = (text: string, params: unknown[]) => withClient(t.databaseUrl, async (c) => (await c.query(text, params)).rows[0]);

describe('invitations', () => {
  it('by email: mails the link; only that address accepts, once; preview first', async () => {
    const owner = await q.person(t, 'inv-owner');
    const invitee = await q.person(t, 'inv-mail');
    const stranger = await q.person(t, 'inv-stranger');
    const team = await createTeam(t, owner, 'Mail Team');
    const created = ok(await t.gql(q.INVITE, { i: { teamId: team.id, email: invitee.email.toUpperCase(), role: 'ADMIN' } }, owner.token), 'inviteTeamMember');
    expect(created.invitation).toMatchObject({ email: invitee.email, role: 'ADMIN', invitedByEmail: owner.email, status: 'pending' });
    expect(created.link).toMatch(new RegExp(`^${PUBLIC_URL}/invite/[A-Za-z0-9_-]{43}$`));
    const token = tokenOf(created.link);
    // Only the hash is kept.
    const stored = await dbRow(`select token_hash from team_invitation where id = $1`, [created.invitation.id]);
    expect(stored.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(JSON.stringify(await teamState(t, team.id))).not.toContain(token);

    const mail = await nthMail(t, invitee.email, 'team_invitation');
    expect(mail.text).toContain(created.link);
    expect(mail.text).toContain('Mail Team');
    expect(mail.subject).toContain(owner.email);

    const preview = ok(await t.gql(q.PREVIEW, { token }, invitee.token), 'teamInvitation');
    expect(preview).toMatchObject({ teamId: team.id, teamName: 'Mail Team', role: 'ADMIN', email: invitee.email, invitedByEmail: owner.email });

    const before = await teamState(t, team.id);
    const wrong = await t.gql(q.ACCEPT, { token }, stranger.token);
    expect(errorCode(wrong)).toBe('FORBIDDEN');
    expect(await teamState(t, team.id)).toEqual(before);

    const joined = ok(await t.gql(q.ACCEPT, { token }, invitee.token), 'acceptTeamInvitation');
    expect(joined).toMatchObject({ id: team.id, myRole: 'ADMIN', memberCount: 2 });
    expect(errorCode(await t.gql(q.ACCEPT, { token }, invitee.token))).toBe('NOT_FOUND');
    expect(errorCode(await t.gql(q.PREVIEW, { token }, invitee.token))).toBe('NOT_FOUND');
    const listed = ok(await t.gql(q.INVITATIONS, { t: team.id }, owner.token), 'teamInvitations');
    expect(listed.map((i: { status: string }) => i.status)).toEqual(['accepted']);
    // Accepted is a membership now: revoking it is refused (remove the member instead); revoking twice is the same revoke.
    expect(errorCode(await t.gql(q.REVOKE_INVITATION, { id: created.invitation.id }, owner.token))).toBe('BAD_USER_INPUT');
    expect(errorCode(await t.gql(q.REVOKE_INVITATION, { id: 'not-an-id' }, owner.token))).toBe('NOT_FOUND');
    // The new member acts for the team at once.
    expect((await t.gql(BALANCE, {}, invitee.token, acting(team.id))).errors).toBeUndefined();
  });

  it('a new invitation to the same address replaces the open one', async () => {
    const owner = await q.person(t, 'inv-again');
    const team = await createTeam(t, owner);
    const i = { teamId: team.id, email: 'someone-new@example.com', role: 'MEMBER' };
    const first = ok(await t.gql(q.INVITE, { i }, owner.token), 'inviteTeamMember');
    ok(await t.gql(q.INVITE, { i }, owner.token), 'inviteTeamMember');
    expect((await mailsTo(t, 'someone-new@example.com')).filter((m) => m.kind === 'team_invitation')).toHaveLength(2);
    const listed = ok(await t.gql(q.INVITATIONS, { t: team.id }, owner.token), 'teamInvitations');
    expect(listed.map((x: { status: string }) => x.status)).toEqual(['pending', 'revoked']);
    expect(errorCode(await t.gql(q.PREVIEW, { token: tokenOf(first.link) }, owner.token))).toBe('NOT_FOUND');
  });

  it('mail is rate-limited per inviter (30 an hour); links are not', async () => {
    const owner = await q.person(t, 'inv-flood');
    const team = await createTeam(t, owner);
    for (let i = 0; i < 30; i += 1)
      ok(await t.gql(q.INVITE, { i: { teamId: team.id, role: 'MEMBER', email: `flood-${i}@example.com` } }, owner.token), 'inviteTeamMember');
    const before = await teamState(t, team.id);
    const refused = await t.gql(q.INVITE, { i: { teamId: team.id, role: 'MEMBER', email: 'flood-30@example.com' } }, owner.token);
    expect(errorCode(refused)).toBe('RATE_LIMITED');
    expect(await teamState(t, team.id)).toEqual(before);
    expect(await mailsTo(t, 'flood-30@example.com')).toEqual([]);
    ok(await t.gql(q.INVITE, { i: { teamId: team.id, role: 'MEMBER' } }, owner.token), 'inviteTeamMember');
  });

  it('by link: anyone signed in accepts; a member accepting another link gets the team and nothing changes', async () => {
    const owner = await q.person(t, 'link-owner');
    const anyone = await q.person(t, 'link-anyone');
    const team = await createTeam(t, owner);
    const link = ok(await t.gql(q.INVITE, { i: { teamId: team.id, role: 'MEMBER' } }, owner.token), 'inviteTeamMember');
    expect(link.invitation.email).toBeNull();
    expect(await mailsTo(t, anyone.email)).toEqual([]);
    expect(ok(await t.gql(q.ACCEPT, { token: tokenOf(link.link) }, anyone.token), 'acceptTeamInvitation').myRole).toBe('MEMBER');

    const second = ok(await t.gql(q.INVITE, { i: { teamId: team.id, role: 'ADMIN' } }, owner.token), 'inviteTeamMember');
    const before = await teamState(t, team.id);
    const again = ok(await t.gql(q.ACCEPT, { token: tokenOf(second.link) }, anyone.token), 'acceptTeamInvitation');
    expect(again).toMatchObject({ id: team.id, myRole: 'MEMBER' });
    expect(await teamState(t, team.id)).toEqual(before);
  });

  it('revoked, expired and unknown links are NOT_FOUND, for the preview and the accept, and add nobody', async () => {
    const owner = await q.person(t, 'dead-owner');
    const someone = await q.person(t, 'dead-someone');
    const team = await createTeam(t, owner);
    const revoked = ok(await t.gql(q.INVITE, { i: { teamId: team.id, role: 'MEMBER' } }, owner.token), 'inviteTeamMember');
    expect(ok(await t.gql(q.REVOKE_INVITATION, { id: revoked.invitation.id }, owner.token), 'revokeTeamInvitation').status).toBe('revoked');
    expect(ok(await t.gql(q.REVOKE_INVITATION, { id: revoked.invitation.id }, owner.token), 'revokeTeamInvitation').status).toBe('revoked');
    const expired = ok(await t.gql(q.INVITE, { i: { teamId: team.id, role: 'MEMBER' } }, owner.token), 'inviteTeamMember');
    await dbRow(`update team_invitation set expires_at = now() - interval '1 second' where id = $1`, [expired.invitation.id]);
    const before = await teamState(t, team.id);
    for (const token of [tokenOf(revoked.link), tokenOf(expired.link), 'A'.repeat(43), '', 'x'.repeat(5000)]) {
      expect(errorCode(await t.gql(q.PREVIEW, { token }, someone.token))).toBe('NOT_FOUND');
      expect(errorCode(await t.gql(q.ACCEPT, { token }, someone.token))).toBe('NOT_FOUND');
    }
    expect(await teamState(t, team.id)).toEqual(before);
    const statuses = ok(await t.gql(q.INVITATIONS, { t: team.id }, owner.token), 'teamInvitations').map((i: { status: string }) => i.status);
    expect(statuses).toEqual(['expired', 'revoked']);
  });

  it('refuses OWNER, a bad address and an existing member with BAD_USER_INPUT, writing nothing', async () => {
    const owner = await q.person(t, 'inv-bad');
    const member = await q.person(t, 'inv-bad-member');
    const team = await createTeam(t, owner);
    await join(t, team.id, owner, member, 'MEMBER');
    const before = await teamState(t, team.id);
    for (const [i, field] of [
      [{ teamId: team.id, role: 'OWNER' }, 'role'],
      [{ teamId: team.id, role: 'MEMBER', email: 'nope' }, 'email'],
      [{ teamId: team.id, role: 'MEMBER', email: member.email }, 'email'],
    ] as const) {
      const res = await t.gql(q.INVITE, { i }, owner.token);
      expect(errorCode(res)).toBe('BAD_USER_INPUT');
      expect(fieldOf(res)).toBe(field);
    }
    expect(await teamState(t, team.id)).toEqual(before);
  });
});

describe('afterwards', () => {
  it('leaves the ledger consistent', async () => {
    expect((await ledgerAudit(t, admin)).violations).toEqual([]);
  });
});

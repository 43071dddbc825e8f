import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type GqlResult, type TestApp } from '../../../test-support/app.js';
import { asTeam, makeTeam, teamKey } from '../../billing/__tests__/team-support.js';
import { ok } from '../../gateway/__tests__/support.js';
import { adminSession, newUser, type User } from '../../metering/__tests__/metering-helpers.js';

const SUSPEND = 'mutation($u: ID!, $r: String!) { adminSuspendUser(userId: $u, reason: $r) { id } }';
const REACTIVATE = 'mutation($u: ID!) { adminReactivateUser(userId: $u) { id } }';
const BALANCE = '{ creditBalance { available } }';

let t: TestApp;
let admin: User;

beforeAll(async () => {
  t = await startTestApp();
  admin = await adminSession(t);
});
afterAll(async () => {
  await t?.stop();
});

const reason = (res: GqlResult) => res.errors?.[0]?.extensions?.reason;

describe("a team's account suspended by an admin", () => {
  it('refuses its members acting for it and its keys at the next request, leaves their own accounts alone, and lets them back on reactivation', async () => {
    const owner = await newUser(t, 'suspended-team');
    const team = await makeTeam(t, owner);
    const key = await teamKey(t, owner, team.id, 'team key');
    // Warm: both credentials are cached before the suspension.
    ok(await asTeam(t, team.id, owner.token, BALANCE), 'creditBalance');
    ok(await t.gql(BALANCE, {}, key.secret), 'creditBalance');

    ok(await t.gql(SUSPEND, { u: team.id, r: 'chargebacks' }, admin.token), 'adminSuspendUser');
    for (const res of [await asTeam(t, team.id, owner.token, BALANCE), await t.gql(BALANCE, {}, key.secret)]) {
      expect(errorCode(res)).toBe('FORBIDDEN');
      expect(reason(res)).toBe('ACCOUNT_SUSPENDED');
    }
    expect((await t.gql(BALANCE, {}, owner.token)).errors).toBeUndefined();

    ok(await t.gql(REACTIVATE, { u: team.id }, admin.token), 'adminReactivateUser');
    expect((await asTeam(t, team.id, owner.token, BALANCE)).errors).toBeUndefined();
    expect((await t.gql(BALANCE, {}, key.secret)).errors).toBeUndefined();
  });
});

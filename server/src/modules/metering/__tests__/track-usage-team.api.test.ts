import { randomUUID } from 'node:crypto';
import { parseCredits } from '@tollgate/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test-support/app.js';
import { ledgerAudit } from '../../gateway/__tests__/support.js';
import { makeTeam, teamBalance, teamKey } from '../../billing/__tests__/team-support.js';
import { adminSession, balanceOf, grant, newUser, type User } from './metering-helpers.js';

const TRACK = `mutation($i: TrackUsageInput!) { trackUsage(input: $i) { charged balance { available } } }`;

let t: TestApp;
let admin: User;

beforeAll(async () => {
  t = await startTestApp();
  admin = await adminSession(t);
});
afterAll(async () => {
  await t?.stop();
});

describe('trackUsage with a team key', () => {
  it("charges the team's account, names the member and key on the event, and leaves the person's own balance alone", async () => {
    const owner = await newUser(t, 'track-team');
    const team = await makeTeam(t, owner);
    await grant(t, admin.token, team.id, '5');
    const key = await teamKey(t, owner, team.id, 'reporter', ['service', 'read']);
    const ownBefore = await balanceOf(t, owner.token);

    const res = await t.gql(TRACK, { i: { service: 'tts', units: 1000, idempotencyKey: randomUUID() } }, key.secret);
    expect(res.errors).toBeUndefined();
    const charged = res.data!.trackUsage.charged as string;
    expect(parseCredits(charged)).toBeGreaterThan(0n);

    const after = await teamBalance(t, team.id, owner.token);
    expect(parseCredits(res.data!.trackUsage.balance.available)).toBe(after.available);
    expect(after.available).toBe(5_000_000n - parseCredits(charged));
    expect(await balanceOf(t, owner.token)).toEqual(ownBefore);
    const [event] = await t.app.sql.query(`select user_id, member_id, api_key_id from usage_event where api_key_id = $1`, [key.id]);
    expect(event).toEqual({ user_id: team.id, member_id: owner.id, api_key_id: key.id });
    expect((await ledgerAudit(t, admin.token)).violations).toEqual([]);
  });
});

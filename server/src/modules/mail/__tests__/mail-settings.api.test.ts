import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type TestApp } from '../../../test-support/app.js';
import { keyFor, newUser, ok, signInAdmin, type User } from '../../gateway/__tests__/support.js';
import { MAIL_KINDS } from '../mail.types.js';
import { OUTBOX, outbox } from './mail-support.js';

const SETTINGS = '{ notificationSettings { kind description canTurnOff enabled } }';
const SET = 'mutation($k: String!, $e: Boolean!) { setNotificationPreference(kind: $k, enabled: $e) { kind canTurnOff enabled } }';

describe('notification settings and opt-outs', () => {
  let t: TestApp;
  let admin: string;
  const emailOf = async (u: User) => ok(await t.gql('{ me { email } }', {}, u.token), 'me').email as string;
  const preferenceRows = async () => Number((await t.app.sql.query('select count(*)::int as n from notification_preference'))[0]!.n);

  beforeAll(async () => {
    t = await startTestApp();
    admin = await signInAdmin(t);
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('lists every mail kind with a description; only low-balance notices can be turned off; all start on', async () => {
    const user = await newUser(t, admin, 'ns-list');
    const settings = ok(await t.gql(SETTINGS, {}, user.token), 'notificationSettings');
    expect(settings.map((s: { kind: string }) => s.kind)).toEqual([...MAIL_KINDS]);
    expect(settings.filter((s: { canTurnOff: boolean }) => s.canTurnOff).map((s: { kind: string }) => s.kind)).toEqual(['low_balance']);
    expect(settings.every((s: { enabled: boolean; description: string }) => s.enabled && s.description.length > 10)).toBe(true);
  });

  it('a turned-off low-balance notice is recorded as suppressed and not delivered; a transactional mail still goes', async () => {
    const user = await newUser(t, admin, 'ns-off');
    const to = await emailOf(user);
    const off = ok(await t.gql(SET, { k: 'low_balance', e: false }, user.token), 'setNotificationPreference');
    expect(off.find((s: { kind: string }) => s.kind === 'low_balance')).toEqual({ kind: 'low_balance', canTurnOff: true, enabled: false });
    await t.app.services.mail.send({ kind: 'low_balance', to, userId: user.id, subject: 'Low', text: 'low balance' });
    await t.app.services.mail.send({ kind: 'payment_receipt', to, userId: user.id, subject: 'Receipt', text: 'receipt' });
    expect((await outbox(t, admin, to)).map((m) => [m.kind, m.status])).toEqual([
      ['payment_receipt', 'sent'],
      ['low_balance', 'suppressed'],
    ]);
    // On again: delivered again.
    ok(await t.gql(SET, { k: 'low_balance', e: true }, user.token), 'setNotificationPreference');
    await t.app.services.mail.send({ kind: 'low_balance', to, userId: user.id, subject: 'Low', text: 'low balance' });
    expect((await outbox(t, admin, to))[0]).toMatchObject({ kind: 'low_balance', status: 'sent', transport: 'outbox' });
  });

  it('refuses an unknown kind and a kind that is always sent with BAD_USER_INPUT, writing nothing', async () => {
    const user = await newUser(t, admin, 'ns-bad');
    const before = await preferenceRows();
    for (const [kind, enabled] of [
      ['password_reset', false],
      ['payment_receipt', false],
      ['past_due', true],
      ['newsletter', false],
      ['', false],
      ['LOW_BALANCE', false],
    ] as const) {
      const res = await t.gql(SET, { k: kind, e: enabled }, user.token);
      expect(errorCode(res), kind).toBe('BAD_USER_INPUT');
    }
    expect(await preferenceRows()).toBe(before);
    const settings = ok(await t.gql(SETTINGS, {}, user.token), 'notificationSettings');
    expect(settings.every((s: { enabled: boolean }) => s.enabled)).toBe(true);
  });

  it('needs a signed-in session (an API key cannot change it), and the outbox needs an admin', async () => {
    const user = await newUser(t, admin, 'ns-auth');
    const key = await keyFor(t, user, ['read', 'completions']);
    expect(errorCode(await t.gql(SETTINGS, {}, key.secret))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(SET, { k: 'low_balance', e: false }, key.secret))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(SETTINGS, {}))).toBe('UNAUTHENTICATED');
    expect(errorCode(await t.gql(OUTBOX, {}, user.token))).toBe('FORBIDDEN');
  });

  it("the admin's outbox pages newest first, filters by address (any case), and refuses a bad page", async () => {
    const user = await newUser(t, admin, 'ns-page');
    const to = await emailOf(user);
    for (const n of [1, 2, 3]) await t.app.services.mail.send({ kind: 'payment_receipt', to, userId: user.id, subject: `Receipt ${n}`, text: `#${n}` });
    const first = ok(await t.gql(OUTBOX, { to: to.toUpperCase(), first: 2 }, admin), 'adminMailOutbox');
    expect(first.nodes.map((m: { subject: string }) => m.subject)).toEqual(['Receipt 3', 'Receipt 2']);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(first.totalCount).toBe(3);
    const second = ok(await t.gql(OUTBOX, { to, first: 2, after: first.pageInfo.endCursor }, admin), 'adminMailOutbox');
    expect(second.nodes.map((m: { subject: string }) => m.subject)).toEqual(['Receipt 1']);
    expect(second.pageInfo).toEqual({ endCursor: expect.any(String), hasNextPage: false });
    for (const args of [{ first: 0 }, { first: 101 }, { after: 'not-a-cursor' }, { after: '-1' }]) {
      expect(errorCode(await t.gql(OUTBOX, args, admin)), JSON.stringify(args)).toBe('BAD_USER_INPUT');
    }
  });
});

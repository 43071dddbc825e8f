/**
 * Spend caps at calendar period boundaries (UTC day, ISO week from Monday, month), with refunds, and
 * on both of the hold's paths (docs/decisions/0056-spend-caps.md). The ledger's own clock is moved
 * by hand, so a boundary is crossed without waiting.
 */
import { describe, expect, it } from 'vitest';
import { credits, HOUR, MINUTE, rowCounts, userActor } from './ledger-harness.js';
import { expectAuditClean, h, ledger, user } from './ledger-fixture.js';
import { useLedgerFixture } from './ledger-fixture.js';
import { grant, key } from './service-helpers.js';
import { cappedHold, expectCapRefusal, insertKey, insertTeam, newPerson, spendCapped } from './caps-helpers.js';

useLedgerFixture();

/** Sets the test clock to an exact instant (it only moves forward in these tests). */
const at = (iso: string) => h.clock.advance(new Date(iso).getTime() - h.clock.now().getTime());

describe('a key cap per calendar period', () => {
  it('a day: spend before midnight does not count after it; the refusal names the cap and its reset', async () => {
    await grant(credits(100));
    const k = await insertKey(user, user, { micro: credits(10), period: 'day' });
    at('2031-01-01T23:00:00Z');
    await spendCapped(user, credits(6), { memberId: user, apiKeyId: k });
    const before = await rowCounts(h.sql);
    await expectCapRefusal(cappedHold(user, credits(5), { memberId: user, apiKeyId: k }), {
      capScope: 'key',
      capMicro: credits(10).toString(),
      spentMicro: credits(6).toString(),
      period: 'day',
      resetsAt: '2031-01-02T00:00:00Z',
    });
    expect(await rowCounts(h.sql)).toEqual(before);
    // Exactly the cap is allowed.
    await spendCapped(user, credits(4), { memberId: user, apiKeyId: k });
    at('2031-01-02T00:00:00Z');
    await spendCapped(user, credits(10), { memberId: user, apiKeyId: k });
    await expectCapRefusal(cappedHold(user, 1n, { memberId: user, apiKeyId: k }), { spentMicro: credits(10).toString(), resetsAt: '2031-01-03T00:00:00Z' });
    await expectAuditClean();
  });

  it('an ISO week runs Monday to Sunday across a month boundary; a month resets on the 1st', async () => {
    await grant(credits(100));
    const week = await insertKey(user, user, { micro: credits(10), period: 'week' });
    const month = await insertKey(user, user, { micro: credits(10), period: 'month' });
    // 2031-01-27 is a Monday; the week runs into February.
    at('2031-01-27T00:00:00Z');
    await spendCapped(user, credits(8), { memberId: user, apiKeyId: week });
    at('2031-01-31T23:59:00Z');
    await spendCapped(user, credits(8), { memberId: user, apiKeyId: month });
    at('2031-02-01T00:00:00Z');
    await spendCapped(user, credits(10), { memberId: user, apiKeyId: month }); // a new month
    await expectCapRefusal(cappedHold(user, credits(3), { memberId: user, apiKeyId: week }), {
      period: 'week',
      spentMicro: credits(8).toString(),
      resetsAt: '2031-02-03T00:00:00Z',
    });
    at('2031-02-02T23:59:59Z'); // Sunday: still the same week
    await expectCapRefusal(cappedHold(user, credits(3), { memberId: user, apiKeyId: week }), { period: 'week' });
    at('2031-02-03T00:00:00Z'); // Monday
    await spendCapped(user, credits(10), { memberId: user, apiKeyId: week });
    await expectAuditClean();
  });

  it('an active hold counts whatever its age; a call that straddles midnight counts where it settles', async () => {
    await grant(credits(100));
    const k = await insertKey(user, user, { micro: credits(10), period: 'day' });
    at('2031-01-01T23:59:00Z');
    const open = await cappedHold(user, credits(4), { memberId: user, apiKeyId: k });
    at('2031-01-02T00:01:00Z');
    await expectCapRefusal(cappedHold(user, credits(7), { memberId: user, apiKeyId: k }), { spentMicro: credits(4).toString() });
    await ledger.settle({ userId: user, holdId: open.hold.id, amount: credits(3), actor: userActor(user), description: 'completion' });
    await spendCapped(user, credits(7), { memberId: user, apiKeyId: k }); // 3 settled today + 7 = 10
    await expectCapRefusal(cappedHold(user, 1n, { memberId: user, apiKeyId: k }), { spentMicro: credits(10).toString() });
    await expectAuditClean();
  });
});

describe('refunds', () => {
  it('a refund of a call inside the period gives its room back; a refund counts in the period it is made', async () => {
    await grant(credits(100));
    const k = await insertKey(user, user, { micro: credits(10), period: 'day' });
    at('2031-01-01T10:00:00Z');
    const { entry } = await spendCapped(user, credits(10), { memberId: user, apiKeyId: k });
    await expectCapRefusal(cappedHold(user, credits(4), { memberId: user, apiKeyId: k }), {});
    const refund = await ledger.refund({
      userId: user,
      entryId: entry!.id,
      amount: credits(4),
      reason: 'bad answer',
      idempotencyKey: key('r'),
      actor: userActor(user),
    });
    expect(refund.entry).toMatchObject({ memberId: user, apiKeyId: k });
    await spendCapped(user, credits(4), { memberId: user, apiKeyId: k });
    await expectCapRefusal(cappedHold(user, 1n, { memberId: user, apiKeyId: k }), { spentMicro: credits(10).toString() });
    // The next day: refunding yesterday's call counts today (when it is made), as room on today's spend.
    at('2031-01-02T10:00:00Z');
    await ledger.refund({ userId: user, entryId: entry!.id, amount: credits(6), reason: 'rest', idempotencyKey: key('r'), actor: userActor(user) });
    await spendCapped(user, credits(10), { memberId: user, apiKeyId: k });
    await expectCapRefusal(cappedHold(user, credits(6) + 1n, { memberId: user, apiKeyId: k }), { spentMicro: credits(4).toString() });
    await spendCapped(user, credits(6), { memberId: user, apiKeyId: k });
    await expectAuditClean();
  });
});

describe('a member cap on a team', () => {
  it("counts every key and the session of that member on that team, and no one else's spending", async () => {
    const owner = await newPerson();
    const capped = await newPerson();
    const team = await insertTeam([{ userId: owner }, { userId: capped, cap: { micro: credits(10), period: 'month' } }]);
    await grant(credits(100), { userId: team });
    const k1 = await insertKey(capped, team);
    const k2 = await insertKey(capped, team);
    await spendCapped(team, credits(3), { memberId: capped, apiKeyId: k1 });
    await spendCapped(team, credits(3), { memberId: capped, apiKeyId: k2 });
    await spendCapped(team, credits(3), { memberId: capped }); // a session
    await spendCapped(team, credits(50), { memberId: owner }); // the owner has no cap
    await expectCapRefusal(cappedHold(team, credits(2), { memberId: capped, apiKeyId: k1 }), {
      capScope: 'member',
      spentMicro: credits(9).toString(),
      period: 'month',
    });
    await spendCapped(team, credits(1), { memberId: capped });
    // Their own account is not the team's: a personal spend there is no team spend.
    await grant(credits(5), { userId: capped });
    await spendCapped(capped, credits(5), { memberId: capped });
    await expectAuditClean();
  });

  it('the general path (something due on the account first) applies the same caps', async () => {
    await grant(credits(2), { expiresAt: h.clock.in(MINUTE) });
    await grant(credits(100));
    const k = await insertKey(user, user, { micro: credits(10), period: 'day' });
    await spendCapped(user, credits(8), { memberId: user, apiKeyId: k });
    h.clock.advance(2 * MINUTE); // the 2-credit grant is now due: the capped statement hands over to the general path
    await expectCapRefusal(cappedHold(user, credits(3), { memberId: user, apiKeyId: k }), { spentMicro: credits(8).toString() });
    await spendCapped(user, credits(2), { memberId: user, apiKeyId: k });
    h.clock.advance(HOUR);
    await expectAuditClean();
  });
});

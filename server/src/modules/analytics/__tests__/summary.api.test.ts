import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type TestApp } from '../../../test-support/app.js';
import { packageWithBonus, redisEnv, writtenRows } from '../../billing/__tests__/billing-support.js';
import { ledgerAudit, newUser, signInAdmin } from '../../gateway/__tests__/support.js';
import { parseRange } from '../analytics.range.js';
import { marginPercent, usd } from '../analytics.usd.js';
import { analyticsRows, SUMMARY, summary, utcMidnight } from './summary-support.js';

describe('rounding once, half away from zero', () => {
  it('formats each unit to the micro-dollar and margins to hundredths', () => {
    expect([usd(1234n, 'cents'), usd(-50n, 'cents'), usd(1_500n), usd(-1_500n), usd(1_499n), usd(500n, 'pico'), usd(499_999n, 'pico')]).toEqual([
      '12.340000',
      '-0.500000',
      '0.000002',
      '-0.000002',
      '0.000001',
      '0.000000',
      '0.000000',
    ]);
    expect(usd(500_000n, 'pico')).toBe('0.000001');
    expect([marginPercent(375n, 1000n), marginPercent(1n, 3n), marginPercent(2n, 3n), marginPercent(-1n, 8n), marginPercent(5n, 0n)]).toEqual([
      '37.50',
      '33.33',
      '66.67',
      '-12.50',
      null,
    ]);
    expect([marginPercent(-1n, 80000n), usd(-400n)]).toEqual(['0.00', '0.000000']); // no negative zero
  });

  it('parseRange lists the days of [from, to) and defaults to the current month, today included', () => {
    const now = new Date('2026-02-28T13:00:00Z');
    expect(parseRange(null, null, now)).toEqual({ from: new Date('2026-02-01T00:00:00Z'), to: new Date('2026-03-01T00:00:00Z'), days: expect.any(Array) });
    expect(parseRange(new Date('2024-02-28T00:00:00Z'), new Date('2024-03-01T00:00:00Z'), now).days).toEqual(['2024-02-28', '2024-02-29']);
  });
});

describe('adminBillingSummary: ranges', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await startTestApp({ STRIPE_SECRET_KEY: '', ...redisEnv('summary-range') });
    admin = await signInAdmin(t);
  });
  afterAll(async () => {
    expect(await ledgerAudit(t, admin)).toMatchObject({ violations: [] });
    await t?.stop();
  });

  it.each([
    ['from not at midnight', { from: '2026-11-01T00:00:01Z', to: '2026-11-02T00:00:00Z' }, 'from'],
    ['to not at midnight', { from: '2026-11-01T00:00:00Z', to: '2026-11-02T12:00:00Z' }, 'to'],
    ['to equal to from', { from: '2026-11-01T00:00:00Z', to: '2026-11-01T00:00:00Z' }, 'to'],
    ['to before from', { from: '2026-11-02T00:00:00Z', to: '2026-11-01T00:00:00Z' }, 'to'],
    ['more than 366 days', { from: '2025-01-01T00:00:00Z', to: '2026-01-03T00:00:00Z' }, 'to'],
    ['a midnight in another zone', { from: '2026-11-01T00:00:00+01:00', to: '2026-11-02T00:00:00Z' }, 'from'],
  ])('refuses %s with BAD_USER_INPUT naming the argument, and writes nothing', async (_name, vars, field) => {
    const before = { rows: await writtenRows(t), closes: await analyticsRows(t) };
    const res = await t.gql(SUMMARY, vars, admin);
    expect(errorCode(res)).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.extensions!.field).toBe(field);
    expect({ rows: await writtenRows(t), closes: await analyticsRows(t) }).toEqual(before);
  });

  it('takes 366 days, and refuses users (FORBIDDEN)', async () => {
    const s = await summary(t, admin, '2024-01-01T00:00:00Z', '2025-01-01T00:00:00Z');
    expect(s.byDay).toHaveLength(366);
    const user = await newUser(t, admin, 'summary-range-user');
    expect(errorCode(await t.gql(SUMMARY, {}, user.token))).toBe('FORBIDDEN');
  });

  it('defaults to the current UTC month, today included', async () => {
    const s = await summary(t, admin);
    const now = new Date();
    expect(s.from).toBe(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString());
    expect(s.to).toBe(utcMidnight(1));
    expect(s.byDay[s.byDay.length - 1].day).toBe(utcMidnight(0).slice(0, 10));
    expect(s.testMode).toBe(true);
  });

  it('an empty past range is all zeros, every day listed, oldest first', async () => {
    await packageWithBonus(t, admin);
    const s = await summary(t, admin, '2020-02-27T00:00:00Z', '2020-03-02T00:00:00Z');
    expect(s.byDay.map((d: any) => d.day)).toEqual(['2020-02-27', '2020-02-28', '2020-02-29', '2020-03-01']);
    for (const field of [
      'grossRevenueUsd',
      'refundsUsd',
      'stripeFeesUsd',
      'netRevenueUsd',
      'providerCostUsd',
      'byokCostUsd',
      'grossProfitUsd',
      'outstandingLiabilityUsd',
      'mrrUsd',
    ]) {
      expect(s[field], field).toBe('0.000000');
    }
    for (const field of [
      'creditsSold',
      'creditsGranted',
      'creditsConsumed',
      'creditsExpired',
      'creditsClawedBack',
      'outstandingCredits',
      'outstandingPaidCredits',
      'outstandingPromotionalCredits',
    ]) {
      expect(s[field], field).toBe('0.000000');
    }
    expect(s).toMatchObject({ marginPercent: null, paymentsWithoutFee: 0, activeSubscriptions: 0, byModel: [], byProvider: [] });
    expect(s.byDay.every((d: any) => d.grossRevenueUsd === '0.000000' && d.outstandingCredits === '0.000000' && d.mrrUsd === '0.000000')).toBe(true);
  });
});

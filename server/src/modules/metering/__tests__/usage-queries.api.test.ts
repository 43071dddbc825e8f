import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type TestApp } from '../../../test-support/app.js';
import { createKey } from '../../auth/__tests__/helpers.js';
import type { UsageEvent } from '../usage.store.js';
import { adminSession, event, newUser, type User } from './metering-helpers.js';

const FIGURES = 'requests cachedRequests errorRequests inputTokens outputTokens credits creditsSaved';
const SUMMARY = `query($from: DateTime, $to: DateTime) { usageSummary(from: $from, to: $to) { from to ${FIGURES} } }`;
const BY_DAY = `query($from: DateTime, $to: DateTime) { usageByDay(from: $from, to: $to) { day ${FIGURES} } }`;
const BY_MODEL = `query($from: DateTime, $to: DateTime) { usageByModel(from: $from, to: $to) { service model units ${FIGURES} } }`;
const ADMIN_SUMMARY = `query($userId: ID, $from: DateTime, $to: DateTime) { adminUsageSummary(userId: $userId, from: $from, to: $to) { ${FIGURES} } }`;
const ADMIN_BY_DAY = `query($from: DateTime, $to: DateTime) { adminUsageByDay(from: $from, to: $to) { day requests credits } }`;

let t: TestApp;
let a: User;
let b: User;
let admin: User;

const zero = { requests: 0, cachedRequests: 0, errorRequests: 0, inputTokens: 0, outputTokens: 0, credits: '0.000000', creditsSaved: '0.000000' };

beforeAll(async () => {
  t = await startTestApp();
  admin = await adminSession(t);
  [a, b] = [await newUser(t), await newUser(t)];
  const rec = (user: User, at: string, e: Partial<UsageEvent>) => t.app.services.usage.record(event(user.id, { ...e, at: new Date(at) }));
  // A's March, around the edges of the ranges asked below.
  await rec(a, '2026-03-09T23:30:00Z', { inputTokens: 10, outputTokens: 5, charged: 100n });
  await rec(a, '2026-03-10T11:00:00Z', { inputTokens: 20, outputTokens: 10, charged: 200n });
  await rec(a, '2026-03-10T13:00:00Z', { modelId: 'openai/gpt-4o-mini', status: 'cached', cached: true, inputTokens: 30, outputTokens: 15, saved: 300n });
  await rec(a, '2026-03-11T09:00:00Z', { modelId: 'openai/gpt-4o-mini', status: 'error', errorCode: 'PROVIDER_UNAVAILABLE' });
  await rec(a, '2026-03-11T20:00:00Z', { service: 'tts', modelId: null, provider: null, units: 1_000n, charged: 1_650n });
  await rec(a, '2026-03-12T05:00:00Z', { inputTokens: 40, outputTokens: 20, charged: 400n });
  await rec(a, '2026-03-12T07:00:00Z', { inputTokens: 50, outputTokens: 25, charged: 500n });
  await rec(a, '2026-04-01T00:00:00Z', { inputTokens: 60, outputTokens: 30, charged: 600n });
  // Someone else's usage on the same days never shows in A's answers.
  await rec(b, '2026-03-10T14:00:00Z', { inputTokens: 1_000, outputTokens: 1_000, charged: 9_000n });
  await rec(b, '2026-03-11T12:00:00Z', { service: 'embeddings', modelId: 'openai/text-embedding-3-small', units: 5_000n, charged: 11_000n });
});
afterAll(async () => {
  await t?.stop();
});

const edges = { from: '2026-03-10T12:00:00Z', to: '2026-03-12T06:00:00Z' };
const march = { from: '2026-03-01T00:00:00Z', to: '2026-04-01T00:00:00Z' };

describe('usageSummary', () => {
  it('counts exactly the events inside [from, to), partial days at both edges included', async () => {
    const res = await t.gql(SUMMARY, edges, a.token);
    expect(res.data!.usageSummary).toEqual({
      from: '2026-03-10T12:00:00.000Z',
      to: '2026-03-12T06:00:00.000Z',
      requests: 3,
      cachedRequests: 1,
      errorRequests: 1,
      inputTokens: 70,
      outputTokens: 35,
      credits: '0.002050',
      creditsSaved: '0.000300',
    });
  });

  it('sums a whole month, and ranges inside one day or across one midnight', async () => {
    expect((await t.gql(SUMMARY, march, a.token)).data!.usageSummary).toMatchObject({
      requests: 6,
      cachedRequests: 1,
      errorRequests: 1,
      inputTokens: 150,
      outputTokens: 75,
      credits: '0.002850',
      creditsSaved: '0.000300',
    });
    const withinADay = await t.gql(SUMMARY, { from: '2026-03-10T10:00:00Z', to: '2026-03-10T12:00:00Z' }, a.token);
    expect(withinADay.data!.usageSummary).toMatchObject({ requests: 1, inputTokens: 20, credits: '0.000200' });
    const acrossMidnight = await t.gql(SUMMARY, { from: '2026-03-09T23:00:00Z', to: '2026-03-10T12:00:00Z' }, a.token);
    expect(acrossMidnight.data!.usageSummary).toMatchObject({ requests: 2, inputTokens: 30, credits: '0.000300' });
  });

  it('defaults to the current UTC month so far, and `from` to the start of the month that `to` falls in', async () => {
    const c = await newUser(t);
    await t.app.services.usage.record(event(c.id, { inputTokens: 7, charged: 70n }));
    const now = new Date();
    const res = (await t.gql(SUMMARY, {}, c.token)).data!.usageSummary;
    expect(res.from).toBe(new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1)).toISOString());
    expect(Math.abs(Date.parse(res.to) - now.getTime())).toBeLessThan(60_000);
    expect(res).toMatchObject({ requests: 1, inputTokens: 7, credits: '0.000070' });
    expect((await t.gql(SUMMARY, { to: edges.to }, a.token)).data!.usageSummary.from).toBe('2026-03-01T00:00:00.000Z');
  });

  it('refuses an empty or reversed range, one longer than 366 days, and a date that is not one', async () => {
    for (const range of [
      { from: edges.from, to: edges.from },
      { from: edges.to, to: edges.from },
      { from: '2025-01-01T00:00:00Z', to: '2026-01-03T00:00:00Z' },
      { from: 'last tuesday', to: edges.to },
    ]) {
      const res = await t.gql(SUMMARY, range, a.token);
      expect(errorCode(res), JSON.stringify(range)).toBe('BAD_USER_INPUT');
    }
    expect(errorCode(await t.gql(BY_DAY, { from: edges.to, to: edges.from }, a.token))).toBe('BAD_USER_INPUT');
    expect((await t.gql(SUMMARY, { from: '2025-01-01T00:00:00Z', to: '2026-01-02T00:00:00Z' }, a.token)).errors).toBeUndefined();
  });
});

describe('usageByDay', () => {
  it('answers every UTC day the range touches, oldest first, with only the part of the edge days inside it', async () => {
    const days = (await t.gql(BY_DAY, edges, a.token)).data!.usageByDay;
    expect(days).toEqual([
      { day: '2026-03-10', ...zero, requests: 1, cachedRequests: 1, inputTokens: 30, outputTokens: 15, creditsSaved: '0.000300' },
      { day: '2026-03-11', ...zero, requests: 1, errorRequests: 1, credits: '0.001650' },
      { day: '2026-03-12', ...zero, requests: 1, inputTokens: 40, outputTokens: 20, credits: '0.000400' },
    ]);
  });

  it('fills days without usage with zeros, so a month is 31 rows that sum to the summary', async () => {
    const days = (await t.gql(BY_DAY, march, a.token)).data!.usageByDay as Array<{ day: string; requests: number; credits: string }>;
    expect(days).toHaveLength(31);
    expect(days[0]!.day).toBe('2026-03-01');
    expect(days[30]!.day).toBe('2026-03-31');
    expect(days.find((d) => d.day === '2026-03-20')).toEqual({ day: '2026-03-20', ...zero });
    expect(days.reduce((n, d) => n + d.requests, 0)).toBe(6);
    expect(days.reduce((n, d) => n + Number(d.credits.replace('.', '')), 0)).toBe(2_850);
  });
});

describe('usageByModel', () => {
  it('groups by service and model, the costliest first; a service that named no model is listed under its own name', async () => {
    const models = (await t.gql(BY_MODEL, edges, a.token)).data!.usageByModel;
    expect(models).toEqual([
      { service: 'tts', model: 'tts', units: 1_000, ...zero, requests: 1, credits: '0.001650' },
      { service: 'completion', model: 'sandbox/echo', units: 0, ...zero, requests: 1, inputTokens: 40, outputTokens: 20, credits: '0.000400' },
      {
        service: 'completion',
        model: 'openai/gpt-4o-mini',
        units: 0,
        ...zero,
        requests: 1,
        cachedRequests: 1,
        errorRequests: 1,
        inputTokens: 30,
        outputTokens: 15,
        creditsSaved: '0.000300',
      },
    ]);
  });
});

describe('who may read usage', () => {
  it('needs a session or a key with the read scope', async () => {
    expect(errorCode(await t.gql(SUMMARY, edges))).toBe('UNAUTHENTICATED');
    const completionsOnly = await createKey(t, a.token, ['completions']);
    expect(errorCode(await t.gql(SUMMARY, edges, completionsOnly.secret))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(BY_MODEL, edges, completionsOnly.secret))).toBe('FORBIDDEN');
    const reader = await createKey(t, a.token, ['read']);
    expect((await t.gql(SUMMARY, edges, reader.secret)).data!.usageSummary.requests).toBe(3);
  });

  it('gives an admin any one account or every account; nobody else', async () => {
    expect(errorCode(await t.gql(ADMIN_SUMMARY, march, a.token))).toBe('FORBIDDEN');
    expect(errorCode(await t.gql(ADMIN_BY_DAY, march, a.token))).toBe('FORBIDDEN');
    const one = (await t.gql(ADMIN_SUMMARY, { ...march, userId: a.id }, admin.token)).data!.adminUsageSummary;
    const { from: _from, to: _to, ...own } = (await t.gql(SUMMARY, march, a.token)).data!.usageSummary;
    expect(one).toEqual(own);
    expect(one).toMatchObject({ requests: 6, credits: '0.002850' });
    const everyone = (await t.gql(ADMIN_SUMMARY, march, admin.token)).data!.adminUsageSummary;
    expect(everyone).toMatchObject({ requests: 8, inputTokens: 1_150, credits: '0.022850' });
    const days = (await t.gql(ADMIN_BY_DAY, edges, admin.token)).data!.adminUsageByDay;
    expect(days).toEqual([
      { day: '2026-03-10', requests: 2, credits: '0.009000' },
      { day: '2026-03-11', requests: 2, credits: '0.012650' },
      { day: '2026-03-12', requests: 1, credits: '0.000400' },
    ]);
  });
});

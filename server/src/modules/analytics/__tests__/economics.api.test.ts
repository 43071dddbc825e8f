import { formatCredits } from '@tollgate/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorCode, startTestApp, type TestApp } from '../../../test-support/app.js';
import { redisEnv } from '../../billing/__tests__/billing-support.js';
import { ledgerAudit, ok, signInAdmin } from '../../gateway/__tests__/support.js';
import { buildScenario, M, type Scenario } from './economics-scenario.js';
import { midnight, rowCounts } from './economics-support.js';

const FIELDS = `nodes { userId email tierCode suspendedAt grossRevenueUsd netRevenueUsd providerCostUsd grossProfitUsd marginPercent
  creditsConsumed balance available burnPerDay7d burnPerDay30d runwayDays } pageInfo { endCursor hasNextPage } totalCount`;
const ECONOMICS = `query($from: DateTime, $to: DateTime, $search: String, $first: Int, $after: String, $orderBy: UserEconomicsOrder) {
  adminUserEconomics(from: $from, to: $to, search: $search, first: $first, after: $after, orderBy: $orderBy) { ${FIELDS} } }`;
const WATCH = `query($d: Float, $first: Int, $after: String) { adminRunwayWatch(thresholdDays: $d, first: $first, after: $after) { ${FIELDS} } }`;

let t: TestApp;
let admin: string;
let s: Scenario;
const range = { from: midnight(-9).toISOString(), to: midnight(1).toISOString() };

beforeAll(async () => {
  t = await startTestApp({ PUBLIC_URL: 'http://tollgate.test:8080', ...redisEnv('economics') });
  admin = await signInAdmin(t);
  s = await buildScenario(t, admin);
});
afterAll(async () => {
  await t?.stop();
});

const economics = async (vars: Record<string, unknown> = {}) => ok(await t.gql(ECONOMICS, { ...range, first: 100, ...vars }, admin), 'adminUserEconomics');
const ids = (page: { nodes: Array<{ userId: string }> }) => page.nodes.map((n) => n.userId);
const byId = (...users: Array<{ id: string }>) => users.map((u) => u.id).sort();
/** Micro-dollars as the API writes them. */
const usd = (micro: bigint) =>
  `${micro < 0n ? '-' : ''}${(micro < 0n ? -micro : micro) / M}.${((micro < 0n ? -micro : micro) % M).toString().padStart(6, '0')}`;

describe('per-user economics', () => {
  it('equals the hand computation for each user: revenue, cost, margin, consumption, balance, burn 7/30 and runway', async () => {
    const nodes = new Map((await economics()).nodes.map((n: any) => [n.userId, n]));
    const { charged, costNano } = s.real;
    expect(costNano % 1000n).toBe(0n); // sandbox prices are whole micro-dollars per 1,000 nano: the cost below is exact.
    const costMicro = 2_000n + costNano / 1000n;
    const available = 510n * M - charged;
    const burn7 = (3_500_000n + charged) / 7n;
    const tenths = (available * 10n) / burn7;
    expect(nodes.get(s.a.id)).toMatchObject({
      tierCode: 'pro',
      suspendedAt: null,
      grossRevenueUsd: '5.000000',
      netRevenueUsd: '5.000000',
      providerCostUsd: usd(costMicro),
      grossProfitUsd: usd(5_000_000n - costMicro),
      marginPercent: '99.96',
      creditsConsumed: formatCredits(3_500_000n + charged),
      balance: formatCredits(available),
      available: formatCredits(available),
      burnPerDay7d: formatCredits(burn7),
      burnPerDay30d: formatCredits((63_500_000n + charged) / 30n),
      runwayDays: `${tenths / 10n}.${tenths % 10n}`,
    });
    expect(costMicro).toBeLessThan(2_250n); // so the margin rounds to 99.96 (profit ÷ $5 × 100)
    expect(nodes.get(s.b.id)).toMatchObject({
      grossRevenueUsd: '0.000000',
      netRevenueUsd: '0.000000',
      providerCostUsd: '0.000120',
      grossProfitUsd: '-0.000120',
      marginPercent: null,
      creditsConsumed: '0.000000',
      balance: '10.000000',
      burnPerDay7d: '0.000000',
      burnPerDay30d: '1.000000',
      runwayDays: '10.0',
    });
    expect(nodes.get(s.c.id)).toMatchObject({
      providerCostUsd: '0.000000',
      creditsConsumed: '0.000000',
      burnPerDay7d: '0.000000',
      burnPerDay30d: '0.000000',
      runwayDays: null,
    });
    expect(nodes.get(s.d.id)).toMatchObject({ creditsConsumed: '21.000000', burnPerDay7d: '3.000000', burnPerDay30d: '0.700000', runwayDays: '3.3' });
    expect(nodes.get(s.e.id)).toMatchObject({ creditsConsumed: '21.000000', burnPerDay7d: '2.000000', burnPerDay30d: '0.700000', runwayDays: '5.0' });
  });

  it('orders by each figure, largest first (RUNWAY shortest first, none last), ties by user id', async () => {
    const others = async (order: string) => ids(await economics({ orderBy: order }));
    const all = (await economics()).nodes.map((n: any) => n.userId) as string[];
    const rest = (...skip: Array<{ id: string }>) => all.filter((id) => !skip.some((u) => u.id === id)).sort();
    expect(await others('REVENUE')).toEqual([s.a.id, ...rest(s.a)]);
    expect(await others('PROVIDER_COST')).toEqual([s.a.id, s.b.id, ...rest(s.a, s.b)]);
    expect(await others('CONSUMED')).toEqual([...byId(s.d, s.e), s.a.id, ...rest(s.a, s.d, s.e)]);
    expect(await others('PROFIT')).toEqual([s.a.id, ...rest(s.a, s.b), s.b.id]);
    expect(await others('RUNWAY')).toEqual([s.d.id, s.e.id, s.b.id, s.a.id, ...rest(s.a, s.b, s.d, s.e)]);
  });

  it('pages with an opaque cursor: every user once, in the same order, whatever the page size', async () => {
    for (const orderBy of ['RUNWAY', 'CONSUMED', 'REVENUE']) {
      const whole = await economics({ orderBy });
      const seen: string[] = [];
      let after: string | null = null;
      for (;;) {
        const page: any = await economics({ orderBy, first: 2, after });
        expect(page.totalCount).toBe(whole.totalCount);
        seen.push(...ids(page));
        if (!page.pageInfo.hasNextPage) break;
        after = page.pageInfo.endCursor;
      }
      expect(seen).toEqual(ids(whole));
    }
  });

  it('finds users by an email part (any case) or their exact id', async () => {
    const d = (await economics()).nodes.find((n: any) => n.userId === s.d.id);
    const part = d.email.split('@')[0].toUpperCase();
    expect(ids(await economics({ search: `  ${part} ` }))).toEqual([s.d.id]);
    expect(ids(await economics({ search: s.e.id.toUpperCase() }))).toEqual([s.e.id]);
    expect(await economics({ search: '%' })).toMatchObject({ nodes: [], totalCount: 0, pageInfo: { hasNextPage: false, endCursor: null } });
  });

  it("is the summary's byUser over the summary's range, and shows a suspension", async () => {
    const at = ok(await t.gql(`mutation($u: ID!) { adminSuspendUser(userId: $u, reason: "economics test") { id } }`, { u: s.c.id }, admin), 'adminSuspendUser');
    expect(at.id).toBe(s.c.id);
    const summary = ok(
      await t.gql(
        `query($from: DateTime, $to: DateTime, $after: String) { adminBillingSummary(from: $from, to: $to) {
      byUser(first: 3, after: $after, orderBy: RUNWAY) { ${FIELDS} } } }`,
        range,
        admin,
      ),
      'adminBillingSummary',
    );
    expect(summary.byUser).toEqual(await economics({ first: 3, orderBy: 'RUNWAY' }));
    const c = (await economics({ search: s.c.id })).nodes[0];
    expect(Date.parse(c.suspendedAt)).toBeGreaterThan(Date.now() - 600_000);
    ok(await t.gql(`mutation($u: ID!) { adminReactivateUser(userId: $u) { id } }`, { u: s.c.id }, admin), 'adminReactivateUser');
    expect((await economics({ search: s.c.id })).nodes[0].suspendedAt).toBeNull();
  });

  it('gives one user the same figures as the list (forUser, for the user page)', async () => {
    const listed = (await economics()).nodes.find((n: any) => n.userId === s.e.id);
    const one = await t.app.services.analytics.economics.forUser(s.e.id, { from: new Date(range.from), to: new Date(range.to) });
    expect(one.runwayDays).toBe(listed.runwayDays);
    expect(formatCredits(one.burnPerDay7d)).toBe(listed.burnPerDay7d);
    await expect(
      t.app.services.analytics.economics.forUser('00000000-0000-4000-8000-000000000000', { from: new Date(range.from), to: new Date(range.to) }),
    ).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('the runway watch list', () => {
  const watch = async (d?: number, first?: number, after?: string) => ok(await t.gql(WATCH, { d, first, after }, admin), 'adminRunwayWatch');

  it('lists users whose runway is under the threshold (default 7 days), shortest first', async () => {
    expect(ids(await watch())).toEqual([s.d.id, s.e.id]);
    expect(ids(await watch(5))).toEqual([s.d.id]);
    expect(ids(await watch(5.01))).toEqual([s.d.id, s.e.id]);
    expect(ids(await watch(10))).toEqual([s.d.id, s.e.id]);
    expect(ids(await watch(10.05))).toEqual([s.d.id, s.e.id, s.b.id]);
    const first = await watch(10.05, 2);
    expect(first).toMatchObject({ totalCount: 3, pageInfo: { hasNextPage: true } });
    expect(ids(await watch(10.05, 2, first.pageInfo.endCursor))).toEqual([s.b.id]);
  });
});

describe('bad input', () => {
  it('answers BAD_USER_INPUT naming the argument, and writes nothing', async () => {
    const before = await rowCounts(t);
    const cursor = (await economics({ first: 1, orderBy: 'REVENUE' })).pageInfo.endCursor;
    const cases: Array<[string, Record<string, unknown>, string]> = [
      [ECONOMICS, { first: 0 }, 'first'],
      [ECONOMICS, { first: 101 }, 'first'],
      [ECONOMICS, { after: 'not-a-cursor' }, 'after'],
      [ECONOMICS, { after: cursor, orderBy: 'RUNWAY' }, 'after'],
      [ECONOMICS, { search: 'x'.repeat(201) }, 'search'],
      [ECONOMICS, { from: new Date(midnight(-1).getTime() + 1).toISOString() }, 'from'],
      [ECONOMICS, { from: range.to, to: range.from }, 'to'],
      [ECONOMICS, { from: midnight(-400).toISOString() }, 'to'],
      [WATCH, { d: 0 }, 'thresholdDays'],
      [WATCH, { d: -1 }, 'thresholdDays'],
      [WATCH, { d: 365.5 }, 'thresholdDays'],
      [WATCH, { first: 0 }, 'first'],
    ];
    for (const [query, vars, field] of cases) {
      const res = await t.gql(query, query === ECONOMICS ? { ...range, ...vars } : vars, admin);
      expect({ vars, code: errorCode(res), field: res.errors?.[0]?.extensions?.field }).toEqual({ vars, code: 'BAD_USER_INPUT', field });
    }
    expect(await rowCounts(t)).toEqual(before);
    expect((await ledgerAudit(t, admin)).violations).toEqual([]);
  });
});

import { randomBytes } from 'node:crypto';
import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../test-support/app.js';

const WEBHOOK_SECRET = 'whsec_tollgate_test_secret';

/** A Stripe event envelope as Stripe sends it (the version we pin). */
function stripeEvent(type: string, object: Record<string, unknown> = { id: 'obj_1', object: 'unknown' }) {
  return {
    id: `evt_${randomBytes(12).toString('hex')}`,
    object: 'event',
    api_version: '2026-11-18.endive',
    created: Math.floor(Date.now() / 1000),
    data: { object },
    livemode: false,
    pending_webhooks: 1,
    request: { id: null, idempotency_key: null },
    type,
  };
}

async function deliver(url: string, event: object, secret = WEBHOOK_SECRET, signature?: string) {
  const payload = JSON.stringify(event);
  const res = await fetch(`${url}/webhooks/stripe`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'stripe-signature': signature ?? Stripe.webhooks.generateTestHeaderString({ payload, secret }) },
    body: payload,
  });
  return { status: res.status, body: (await res.json()) as any };
}

describe('POST /webhooks/stripe', () => {
  let t: TestApp;
  const eventRows = async (id: string) => t.app.sql.query(`select * from stripe_event where id = $1`, [id]);
  /** Rows in every table but the event log: an event with no handler must change none of them. */
  const otherRows = async () => {
    const tables = await t.app.sql.query<{ name: string }>(
      `select table_name as name from information_schema.tables where table_schema = 'public' and table_name not in ('stripe_event', 'mikro_orm_migrations') order by 1`,
    );
    const counts: Record<string, number> = {};
    for (const { name } of tables) counts[name] = Number((await t.app.sql.query(`select count(*)::int as n from "${name}"`))[0]!.n);
    return counts;
  };

  beforeAll(async () => {
    t = await startTestApp({ STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET });
  });
  afterAll(async () => {
    await t?.stop();
  });

  it('refuses a bad signature with 400 and writes nothing', async () => {
    const event = stripeEvent('checkout.session.completed');
    const wrong = await deliver(t.url, event, 'whsec_someone_else');
    expect(wrong.status).toBe(400);
    expect(wrong.body.errors[0].extensions).toEqual({ code: 'BAD_USER_INPUT', reason: 'INVALID_SIGNATURE' });
    expect((await deliver(t.url, event, WEBHOOK_SECRET, 'garbage')).status).toBe(400);
    // A body changed after signing fails too: the signature covers the raw bytes.
    const payload = JSON.stringify(event);
    const res = await fetch(`${t.url}/webhooks/stripe`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'stripe-signature': Stripe.webhooks.generateTestHeaderString({ payload, secret: WEBHOOK_SECRET }) },
      body: payload.replace('checkout.session.completed', 'checkout.session.expired'),
    });
    expect(res.status).toBe(400);
    expect(await eventRows(event.id)).toEqual([]);
  });

  it('records an unknown event, marks it applied and changes nothing else', async () => {
    const before = await otherRows();
    const event = stripeEvent('tollgate.test.never_handled');
    const res = await deliver(t.url, event);
    expect(res).toEqual({ status: 200, body: { received: true, outcome: 'applied' } });
    const [row] = await eventRows(event.id);
    expect(row).toMatchObject({ id: event.id, type: event.type, livemode: false, error: null });
    expect(row!.applied_at).toBeInstanceOf(Date);
    expect(row!.created.getTime()).toBe(event.created * 1000);
    expect(await otherRows()).toEqual(before);
  });

  it('applies an event delivered three times at once exactly once, and again later not at all', async () => {
    let applications = 0;
    const unregister = t.app.billing.handlers.register('tollgate.test.counted', async (_event, tx) => {
      await tx.query('select 1');
      applications += 1;
    });
    try {
      const event = stripeEvent('tollgate.test.counted');
      const answers = await Promise.all([1, 2, 3].map(() => deliver(t.url, event)));
      expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
      expect(answers.map((a) => a.body.outcome).sort()).toEqual(['already-applied', 'already-applied', 'applied']);
      expect(applications).toBe(1);
      expect(await eventRows(event.id)).toHaveLength(1);
      expect(await deliver(t.url, event)).toEqual({ status: 200, body: { received: true, outcome: 'already-applied' } });
      expect(applications).toBe(1);
    } finally {
      unregister();
    }
  });

  it('leaves an event whose handler fails unapplied, its work rolled back and its error recorded, and answers 500 so Stripe retries', async () => {
    let fail = true;
    const unregister = t.app.billing.handlers.register('tollgate.test.flaky', async (event, tx) => {
      // Work done before the failure must roll back with it.
      await tx.query(`update stripe_event set type = 'tampered' where id = $1`, [event.id]);
      if (fail) throw new Error('downstream unavailable');
    });
    try {
      const event = stripeEvent('tollgate.test.flaky');
      const first = await deliver(t.url, event);
      expect(first.status).toBe(500);
      expect(await eventRows(event.id)).toEqual([expect.objectContaining({ type: 'tollgate.test.flaky', applied_at: null, error: 'downstream unavailable' })]);

      fail = false;
      const retry = await deliver(t.url, event);
      expect(retry).toEqual({ status: 200, body: { received: true, outcome: 'applied' } });
      const [row] = await eventRows(event.id);
      expect(row).toMatchObject({ error: null });
      expect(row!.applied_at).toBeInstanceOf(Date);
    } finally {
      unregister();
    }
  });
});

describe('POST /webhooks/stripe without a webhook secret', () => {
  it('answers 503 PAYMENTS_UNAVAILABLE and records nothing', async () => {
    const t = await startTestApp({ STRIPE_WEBHOOK_SECRET: undefined });
    try {
      const event = stripeEvent('checkout.session.completed');
      const res = await deliver(t.url, event);
      expect(res.status).toBe(503);
      expect(res.body.errors[0].extensions.code).toBe('PAYMENTS_UNAVAILABLE');
      expect(await t.app.sql.query(`select id from stripe_event`)).toEqual([]);
    } finally {
      await t.stop();
    }
  });
});

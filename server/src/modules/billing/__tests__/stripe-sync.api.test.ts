import Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { startTestApp, type TestApp } from '../../../test-support/app.js';
import { packageLookupKey, tierLookupKey, wantedPrices, type WantedPrice } from '../stripe-sync.js';
import { FakeStripe } from './fakes/fake-stripe.js';

const STRIPE_KEY = 'sk_test_tollgate_sync';

describe('Stripe catalog sync, against a wire-format Stripe through the real SDK', () => {
  let fake: FakeStripe;
  let t: TestApp;
  let wanted: WantedPrice[];
  let stripe: Stripe;

  beforeAll(async () => {
    fake = await new FakeStripe().start();
    fake.apiKey = STRIPE_KEY;
    t = await startTestApp({ STRIPE_SECRET_KEY: STRIPE_KEY, STRIPE_API_URL: fake.url });
    wanted = await wantedPrices(t.app.services.catalog);
    stripe = t.app.billing.stripe!;
  });
  afterAll(async () => {
    await t?.stop();
    await fake?.stop();
  });

  /** The active price holding a lookup key, as Stripe answers it. */
  const priceFor = async (lookupKey: string) => (await stripe.prices.list({ lookup_keys: [lookupKey], active: true })).data;

  it('creates a product and price for every package and paid tier at start', async () => {
    expect(wanted.some((w) => w.interval === null) && wanted.some((w) => w.interval === 'month')).toBe(true);
    // The start-up sync runs in the background: wait until it has made the last price.
    await vi.waitFor(() => expect(fake.calls('POST', '/v1/prices')).toHaveLength(wanted.length), { timeout: 15_000 });
    const packages = await t.app.services.catalog.packages();
    const tiers = (await t.app.services.catalog.tiers()).filter((tier) => tier.monthlyPriceCents > 0);
    for (const p of packages) {
      const [price] = await priceFor(packageLookupKey(p.code));
      expect(price).toMatchObject({
        object: 'price',
        unit_amount: p.priceCents,
        currency: 'usd',
        type: 'one_time',
        recurring: null,
        product: packageLookupKey(p.code),
      });
    }
    for (const tier of tiers) {
      const [price] = await priceFor(tierLookupKey(tier.code));
      expect(price).toMatchObject({ unit_amount: tier.monthlyPriceCents, type: 'recurring', recurring: { interval: 'month', interval_count: 1 } });
    }
    const free = (await t.app.services.catalog.tiers()).filter((tier) => tier.monthlyPriceCents === 0);
    for (const tier of free) expect(await priceFor(tierLookupKey(tier.code))).toEqual([]);
    expect(fake.products.size).toBe(wanted.length);
  });

  it('changes nothing when run again, twice', async () => {
    const prices = new Map(fake.prices);
    const productCreates = fake.calls('POST', '/v1/products').length;
    const priceCreates = fake.calls('POST', '/v1/prices').length;
    for (let run = 0; run < 2; run += 1) {
      const synced = await t.app.billing.syncCatalog();
      expect(synced.map((s) => s.action)).toEqual(wanted.map(() => 'unchanged'));
      expect(synced.map((s) => s.priceId).sort()).toEqual([...prices.keys()].sort());
    }
    expect(fake.calls('POST', '/v1/products')).toHaveLength(productCreates);
    expect(fake.calls('POST', '/v1/prices')).toHaveLength(priceCreates);
    expect(fake.prices.size).toBe(prices.size);
  });

  it('moves the lookup key to a new price when a package price changes, and leaves the old price alone', async () => {
    const [pkg] = await t.app.services.catalog.packages();
    const key = packageLookupKey(pkg!.code);
    const [before] = await priceFor(key);
    await t.app.sql.query(`update credit_package set price_cents = price_cents + 100 where code = $1`, [pkg!.code]);

    const synced = await t.app.billing.syncCatalog();
    const changed = synced.filter((s) => s.action !== 'unchanged');
    expect(changed).toEqual([{ lookupKey: key, productId: before!.product, priceId: expect.not.stringMatching(before!.id), action: 'replaced' }]);
    const [after] = await priceFor(key);
    expect(after).toMatchObject({ id: changed[0]!.priceId, unit_amount: pkg!.priceCents + 100, product: before!.product, lookup_key: key });
    // Stripe prices are immutable: the old one still exists, unchanged but for the lookup key it gave up.
    expect(await stripe.prices.retrieve(before!.id)).toMatchObject({ unit_amount: pkg!.priceCents, active: true, lookup_key: null });
    expect(fake.calls('POST', '/v1/prices').at(-1)!.params).toMatchObject({ transfer_lookup_key: 'true', lookup_key: key });

    const again = await t.app.billing.syncCatalog();
    expect(again.every((s) => s.action === 'unchanged')).toBe(true);
  });
});

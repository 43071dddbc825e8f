import Stripe from 'stripe';
import type { CatalogService } from '../catalog/index.js';
import type { Logger } from '../../platform/logger.js';
import type { StripeClient } from './stripe.client.js';

/** What the sync reads: the packages on sale and the tiers (free tiers have nothing to sell). */
export type SellableCatalog = Pick<CatalogService, 'packages' | 'tiers'>;

/** One thing Tollgate sells, as Stripe should hold it. */
export interface WantedPrice {
  /** Also the product's id, so the product is found by id, never by an eventually consistent search. */
  lookupKey: string;
  name: string;
  amountCents: number;
  interval: 'month' | null;
  metadata: Record<string, string>;
}

export interface SyncedPrice {
  lookupKey: string;
  productId: string;
  priceId: string;
  /** `replaced`: the amount or interval changed; a new price took the lookup key, the old one is left as it was. */
  action: 'unchanged' | 'created' | 'replaced';
}

export const packageLookupKey = (code: string) => `tollgate_package_${code}`;
export const tierLookupKey = (code: string) => `tollgate_tier_${code}`;

const CURRENCY = 'usd';
/** Stripe accepts at most this many lookup keys in one list request. */
const LOOKUP_KEYS_PER_LIST = 10;

export async function wantedPrices(catalog: SellableCatalog): Promise<WantedPrice[]> {
  const [packages, tiers] = await Promise.all([catalog.packages(), catalog.tiers()]);
  return [
    ...packages.map((p) => ({
      lookupKey: packageLookupKey(p.code),
      name: `Tollgate ${p.name}`,
      amountCents: p.priceCents,
      interval: null,
      metadata: { tollgate_kind: 'package', tollgate_code: p.code },
    })),
    ...tiers
      .filter((t) => t.monthlyPriceCents > 0)
      .map((t) => ({
        lookupKey: tierLookupKey(t.code),
        name: `Tollgate ${t.name} tier`,
        amountCents: t.monthlyPriceCents,
        interval: 'month' as const,
        metadata: { tollgate_kind: 'tier', tollgate_code: t.code },
      })),
  ];
}

/**
 * Makes Stripe hold one active product and price per package and paid tier, found by lookup key.
 * Idempotent: a second run changes nothing. Prices are immutable in Stripe, so a changed amount is a
 * new price that takes the lookup key over (`transfer_lookup_key`); the old price stays, for whoever
 * already pays it.
 */
export async function syncStripeCatalog(stripe: StripeClient, catalog: SellableCatalog, log?: Logger): Promise<SyncedPrice[]> {
  const wanted = await wantedPrices(catalog);
  const current = new Map<string, Stripe.Price>();
  for (let i = 0; i < wanted.length; i += LOOKUP_KEYS_PER_LIST) {
    const keys = wanted.slice(i, i + LOOKUP_KEYS_PER_LIST).map((w) => w.lookupKey);
    const page = await stripe.prices.list({ lookup_keys: keys, active: true, limit: 100 });
    for (const price of page.data) if (price.lookup_key) current.set(price.lookup_key, price);
  }
  const results: SyncedPrice[] = [];
  for (const want of wanted) {
    const price = current.get(want.lookupKey);
    const productId = price ? productIdOf(price) : (await ensureProduct(stripe, want)).id;
    if (price && matches(price, want)) {
      results.push({ lookupKey: want.lookupKey, productId, priceId: price.id, action: 'unchanged' });
      continue;
    }
    const created = await stripe.prices.create(
      {
        product: productId,
        currency: CURRENCY,
        unit_amount: want.amountCents,
        ...(want.interval ? { recurring: { interval: want.interval } } : {}),
        lookup_key: want.lookupKey,
        transfer_lookup_key: Boolean(price),
        nickname: want.name,
        metadata: want.metadata,
      },
      // Two replicas starting together create the same price once (Stripe keeps keys for 24 hours).
      { idempotencyKey: `tollgate-price-${want.lookupKey}-${want.amountCents}-${want.interval ?? 'once'}-${price?.id ?? 'first'}` },
    );
    results.push({ lookupKey: want.lookupKey, productId, priceId: created.id, action: price ? 'replaced' : 'created' });
  }
  const changed = results.filter((r) => r.action !== 'unchanged');
  log?.info({ prices: results.length, changed: changed.map((r) => `${r.lookupKey}:${r.action}`) }, 'stripe catalog synced');
  return results;
}

function matches(price: Stripe.Price, want: WantedPrice): boolean {
  return (
    price.unit_amount === want.amountCents &&
    price.currency === CURRENCY &&
    (price.recurring?.interval ?? null) === want.interval &&
    (price.recurring?.interval_count ?? 1) === 1
  );
}

function productIdOf(price: Stripe.Price): string {
  return typeof price.product === 'string' ? price.product : price.product.id;
}

/** The product with the lookup key as its id: retrieved, else created; its name kept in step with ours. */
async function ensureProduct(stripe: StripeClient, want: WantedPrice): Promise<Stripe.Product> {
  const existing = await retrieveProduct(stripe, want.lookupKey);
  if (existing) {
    if (existing.name === want.name && existing.active) return existing;
    return stripe.products.update(existing.id, { name: want.name, active: true });
  }
  try {
    return await stripe.products.create({ id: want.lookupKey, name: want.name, metadata: { ...want.metadata, tollgate_lookup_key: want.lookupKey } });
  } catch (err) {
    // Another replica created it between our read and our create.
    if (err instanceof Stripe.errors.StripeError && err.code === 'resource_already_exists') return (await retrieveProduct(stripe, want.lookupKey))!;
    throw err;
  }
}

async function retrieveProduct(stripe: StripeClient, id: string): Promise<Stripe.Product | null> {
  try {
    return await stripe.products.retrieve(id);
  } catch (err) {
    if (err instanceof Stripe.errors.StripeError && err.code === 'resource_missing') return null;
    throw err;
  }
}

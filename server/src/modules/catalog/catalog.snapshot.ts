import type { BackplaneEventTarget } from '../../platform/backplane/backplane.js';
import type { Logger } from '../../platform/logger.js';
import type { CatalogModel, Tier } from './catalog.domain.js';
import type { CatalogStore, PricedCatalog } from './catalog.store.js';

/** The backplane topic an admin's catalog edit is announced on; every replica reloads its snapshot. */
export const CATALOG_CHANGED_TOPIC = 'catalog:changed';

/**
 * A lost announcement (Redis down while an admin edits) is repaired by this periodic reload: the
 * staleness of a replica is bounded by it, and it costs three statements a minute, off the hot path.
 */
export const CATALOG_REFRESH_MS = 60_000;

/**
 * The catalog a completion is quoted from, held in memory: every model with ALL its price versions
 * (the scheduled ones too), and every tier. A price is picked by the moment asked about, so a
 * scheduled price takes effect at its `effectiveFrom` without any reload. The markup rules are
 * configuration (PricingPolicy) and need no snapshot.
 *
 * Loaded at start; reloaded when an admin edits models, prices or tiers (on this replica at once,
 * on the others through the backplane), and every CATALOG_REFRESH_MS as a safety net.
 */
export class CatalogSnapshot {
  private state: PricedCatalog = { models: [], tiers: [] };
  private byId = new Map<string, PricedCatalog['models'][number]>();
  private tiersByCode = new Map<string, Tier>();
  private loading: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  /** How many loads have completed: lets tests (and logs) see that a replica picked a change up. */
  generation = 0;

  constructor(
    private readonly store: CatalogStore,
    private readonly events: BackplaneEventTarget,
    private readonly log: Logger,
  ) {}

  /** The first load (start fails without a catalog), then the listener and the periodic refresh. */
  async start(refreshMs = CATALOG_REFRESH_MS): Promise<void> {
    await this.reload();
    this.events.addEventListener(CATALOG_CHANGED_TOPIC, () => {
      void this.reload().catch(() => undefined);
    });
    this.timer = setInterval(() => void this.reload().catch(() => undefined), refreshMs);
    this.timer.unref();
  }

  stop(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
  }

  /**
   * After an admin's edit has committed: reloads here (awaited, so the admin's next read sees it)
   * and tells every other replica to do the same. Publishing never throws (the backplane logs).
   */
  async changed(): Promise<void> {
    this.events.dispatchEvent(new CustomEvent(CATALOG_CHANGED_TOPIC, { detail: { at: Date.now() } }));
    // The edit is committed: a failed reload must not fail it (the load logs; the refresh retries).
    await this.reload().catch(() => undefined);
  }

  /**
   * Loads the catalog again. A load already running may have read before the change that asks for
   * this one, so one more load follows it, shared by every caller that asked meanwhile.
   */
  reload(): Promise<void> {
    if (!this.loading) {
      this.loading = this.load().finally(() => (this.loading = null));
      return this.loading;
    }
    this.queued ??= this.loading
      .catch(() => undefined)
      .then(() => {
        this.queued = null;
        return this.reload();
      });
    return this.queued;
  }

  /** The model with the price in force at `at`; null when unknown or not priced yet (as the SQL did). */
  model(id: string, at: Date): CatalogModel | null {
    const entry = this.byId.get(id);
    return entry ? priced(entry, at) : null;
  }

  /** Every model priced at `at`, in provider then id order, active ones only unless asked. */
  models(at: Date, { includeInactive = false } = {}): CatalogModel[] {
    const out: CatalogModel[] = [];
    for (const entry of this.state.models) {
      if (!includeInactive && !entry.model.active) continue;
      const model = priced(entry, at);
      if (model) out.push(model);
    }
    return out;
  }

  /** A tier by code; a code this snapshot does not know (a tier added meanwhile) reloads once. */
  async tier(code: string): Promise<Tier | null> {
    const known = this.tiersByCode.get(code);
    if (known) return known;
    await this.reload();
    return this.tiersByCode.get(code) ?? null;
  }

  private async load(): Promise<void> {
    try {
      const next = await this.store.pricedCatalog();
      this.state = next;
      this.byId = new Map(next.models.map((m) => [m.model.id, m]));
      this.tiersByCode = new Map(next.tiers.map((t) => [t.code, t]));
      this.generation += 1;
      this.log.debug({ models: next.models.length, tiers: next.tiers.length, generation: this.generation }, 'catalog snapshot loaded');
    } catch (err) {
      // The previous snapshot stays in use; the next event or refresh tries again.
      this.log.warn({ err }, 'could not reload the catalog snapshot; serving the previous one');
      throw err;
    }
  }
}

/** The model at the last price version that has taken effect by `at` (versions are oldest first). */
function priced(entry: PricedCatalog['models'][number], at: Date): CatalogModel | null {
  const t = at.getTime();
  for (let i = entry.prices.length - 1; i >= 0; i -= 1) {
    const version = entry.prices[i]!;
    if (version.price.effectiveFrom.getTime() <= t) return { ...entry.model, price: version.price, priceClass: version.priceClass };
  }
  return null;
}

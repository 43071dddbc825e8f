import { randomUUID } from 'node:crypto';
import { priceClassOf, type PriceClassThresholds } from '@tollgate/shared';
import type { Row, Sql } from '../../platform/sql.js';
import type { CatalogModel, CreditPackage, PriceVersion, Tier } from './catalog.domain.js';

/** A model with every price version it has (oldest first, the scheduled ones included): the snapshot's unit. */
export interface SnapshotModel {
  model: Omit<CatalogModel, 'price' | 'priceClass'>;
  prices: Array<{ price: CatalogModel['price']; priceClass: CatalogModel['priceClass'] }>;
}

/** Everything the in-process snapshot holds (catalog.snapshot.ts). */
export interface PricedCatalog {
  models: SnapshotModel[];
  tiers: Tier[];
}

/** The catalog's SQL: models at their price in force at a moment, tiers, packages, price versions. */
export class CatalogStore {
  constructor(
    private readonly sql: Sql,
    private readonly thresholds: PriceClassThresholds,
  ) {}

  /** Every model with the price in force at `at` (models without one yet are left out). */
  async models(at: Date, { includeInactive = false } = {}): Promise<CatalogModel[]> {
    const rows = await this.sql.query(
      `select m.*, p.id as price_id, p.input_nano, p.output_nano, p.cached_input_nano, p.effective_from, p.source
       from model m
       join lateral (select * from model_price p where p.model_id = m.id and p.effective_from <= $1 order by p.effective_from desc limit 1) p on true
       where $2 or m.active
       order by m.provider, m.id`,
      [at, includeInactive],
    );
    return rows.map((r) => this.toModel(r));
  }

  /** The whole catalog for the snapshot, every price version included: three statements, at start and on change. */
  async pricedCatalog(): Promise<PricedCatalog> {
    const [models, prices, tiers] = await Promise.all([
      this.sql.query(`select * from model order by provider, id`),
      this.sql.query(`select * from model_price order by model_id, effective_from`),
      this.tiers(),
    ]);
    const byModel = new Map<string, SnapshotModel['prices']>();
    for (const r of prices) {
      const price = toPrice(r);
      const list = byModel.get(r.model_id) ?? [];
      list.push({ price, priceClass: priceClassOf(price, this.thresholds) });
      byModel.set(r.model_id, list);
    }
    return { models: models.map((r) => ({ model: toModelFields(r), prices: byModel.get(r.id) ?? [] })), tiers };
  }

  /** The tier assignment lives on the user row; the catalog (its snapshot) owns what it means. Null: no such user. */
  async userTierCode(userId: string): Promise<string | null> {
    const row = (await this.sql.query(`select tier_code from app_user where id = $1`, [userId]))[0];
    return row ? (row.tier_code as string) : null;
  }

  async model(id: string, at: Date): Promise<CatalogModel | null> {
    return (await this.models(at, { includeInactive: true })).find((m) => m.id === id) ?? null;
  }

  async priceHistory(modelId: string): Promise<PriceVersion[]> {
    const rows = await this.sql.query(`select * from model_price where model_id = $1 order by effective_from desc`, [modelId]);
    return rows.map(toPriceVersion);
  }

  async addPrice(
    modelId: string,
    v: { input: bigint; output: bigint; cachedInput: bigint | null; effectiveFrom: Date; source: string; createdBy: string },
  ): Promise<PriceVersion> {
    const rows = await this.sql.query(
      `insert into model_price (id, model_id, input_nano, output_nano, cached_input_nano, effective_from, source, created_by)
       values ($1, $2, $3, $4, $5, $6, $7, $8) returning *`,
      [randomUUID(), modelId, v.input, v.output, v.cachedInput, v.effectiveFrom, v.source, v.createdBy],
    );
    return toPriceVersion(rows[0]!);
  }

  async setActive(modelId: string, active: boolean): Promise<boolean> {
    return (await this.sql.query(`update model set active = $2, updated_at = now() where id = $1 returning id`, [modelId, active])).length > 0;
  }

  async tiers(): Promise<Tier[]> {
    return (await this.sql.query(`select * from tier order by sort, code`)).map(tierFromRow);
  }

  async tier(code: string): Promise<Tier | null> {
    const row = (await this.sql.query(`select * from tier where code = $1`, [code]))[0];
    return row ? tierFromRow(row) : null;
  }

  async updateTier(code: string, patch: Partial<Record<string, unknown>>): Promise<Tier | null> {
    const columns = Object.keys(patch);
    if (columns.length === 0) return this.tier(code);
    const sets = columns.map((c, i) => `${c} = $${i + 2}`).join(', ');
    const row = (await this.sql.query(`update tier set ${sets}, updated_at = now() where code = $1 returning *`, [code, ...columns.map((c) => patch[c])]))[0];
    return row ? tierFromRow(row) : null;
  }

  async packages(): Promise<CreditPackage[]> {
    const rows = await this.sql.query(`select * from credit_package where active order by sort, code`);
    return rows.map((r) => ({ code: r.code, name: r.name, credits: BigInt(r.credits), bonusCredits: BigInt(r.bonus_credits), priceCents: r.price_cents }));
  }

  /** Whether the user pays for a tier now (billing's subscription table): stepping down is then a cancellation. */
  async hasLiveSubscription(userId: string): Promise<boolean> {
    return (
      (await this.sql.query(`select 1 from subscription where user_id = $1 and status in ('active', 'past_due', 'trialing') limit 1`, [userId])).length > 0
    );
  }

  async setUserTier(userId: string, code: string): Promise<boolean> {
    return (await this.sql.query(`update app_user set tier_code = $2, updated_at = now() where id = $1 returning id`, [userId, code])).length > 0;
  }

  private toModel(r: Row): CatalogModel {
    const price = toPrice({ ...r, id: r.price_id });
    return { ...toModelFields(r), price, priceClass: priceClassOf(price, this.thresholds) };
  }
}

function toModelFields(r: Row): Omit<CatalogModel, 'price' | 'priceClass'> {
  return {
    id: r.id,
    provider: r.provider,
    providerModel: r.provider_model,
    displayName: r.display_name,
    contextWindow: r.context_window,
    maxOutputTokens: r.max_output_tokens,
    capabilities: r.capabilities,
    quality: r.quality,
    strengths: r.strengths,
    active: r.active,
    kind: r.kind ?? 'chat',
  };
}

/** A model_price row (its `id` the price's) as the price a model is charged at. */
function toPrice(r: Row): CatalogModel['price'] {
  return {
    id: r.id,
    inputNanoPerToken: BigInt(r.input_nano),
    outputNanoPerToken: BigInt(r.output_nano),
    cachedInputNanoPerToken: r.cached_input_nano === null ? null : BigInt(r.cached_input_nano),
    effectiveFrom: new Date(r.effective_from),
    source: r.source,
  };
}

function toPriceVersion(r: Row): PriceVersion {
  return {
    id: r.id,
    modelId: r.model_id,
    inputNanoPerToken: BigInt(r.input_nano),
    outputNanoPerToken: BigInt(r.output_nano),
    cachedInputNanoPerToken: r.cached_input_nano === null ? null : BigInt(r.cached_input_nano),
    effectiveFrom: new Date(r.effective_from),
    source: r.source,
    createdBy: r.created_by,
    createdAt: new Date(r.created_at),
  };
}

export function tierFromRow(r: Row): Tier {
  return {
    code: r.code,
    name: r.name,
    monthlyPriceCents: r.monthly_price_cents,
    monthlyCredits: BigInt(r.monthly_credits),
    rollover: r.rollover,
    rolloverCap: r.rollover_cap === null ? null : BigInt(r.rollover_cap),
    monthlyTokenAllowance: BigInt(r.monthly_token_allowance),
    monthlyRequestCap: r.monthly_request_cap,
    maxTokensPerRequest: r.max_tokens_per_request,
    requestsPerMinute: r.requests_per_minute,
    allowedPriceClasses: r.allowed_price_classes,
    allowedModels: r.allowed_models,
    byokAllowed: r.byok_allowed,
    markupBps: r.markup_bps,
    overage: r.overage ?? 'block',
    overageSurchargeBps: r.overage_surcharge_bps ?? 0,
    sort: r.sort,
  };
}

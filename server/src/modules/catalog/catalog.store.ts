import { randomUUID } from 'node:crypto';
import { priceClassOf, type PriceClassThresholds } from '@tollgate/shared';
import type { Row, Sql } from '../../platform/sql.js';
import type { CatalogModel, CreditPackage, PriceVersion, Tier } from './catalog.domain.js';

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

  async model(id: string, at: Date): Promise<CatalogModel | null> {
    return (await this.models(at, { includeInactive: true })).find((m) => m.id === id) ?? null;
  }

  async priceHistory(modelId: string): Promise<PriceVersion[]> {
    const rows = await this.sql.query(`select * from model_price where model_id = $1 order by effective_from desc`, [modelId]);
    return rows.map(toPriceVersion);
  }

  async addPrice(modelId: string, v: { input: bigint; output: bigint; cachedInput: bigint | null; effectiveFrom: Date; source: string; createdBy: string }): Promise<PriceVersion> {
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

  /** The tier assignment lives on the user row; the catalog owns what it means. */
  async userTier(userId: string): Promise<Tier | null> {
    const row = (await this.sql.query(`select t.* from app_user u join tier t on t.code = u.tier_code where u.id = $1`, [userId]))[0];
    return row ? tierFromRow(row) : null;
  }

  /** Whether the user pays for a tier now (billing's subscription table): stepping down is then a cancellation. */
  async hasLiveSubscription(userId: string): Promise<boolean> {
    return (await this.sql.query(`select 1 from subscription where user_id = $1 and status in ('active', 'past_due', 'trialing') limit 1`, [userId])).length > 0;
  }

  async setUserTier(userId: string, code: string): Promise<boolean> {
    return (await this.sql.query(`update app_user set tier_code = $2, updated_at = now() where id = $1 returning id`, [userId, code])).length > 0;
  }

  private toModel(r: Row): CatalogModel {
    const price = {
      id: r.price_id,
      inputNanoPerToken: BigInt(r.input_nano),
      outputNanoPerToken: BigInt(r.output_nano),
      cachedInputNanoPerToken: r.cached_input_nano === null ? null : BigInt(r.cached_input_nano),
      effectiveFrom: new Date(r.effective_from),
      source: r.source,
    };
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
      price,
      priceClass: priceClassOf(price, this.thresholds),
    };
  }
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

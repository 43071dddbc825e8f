import { Entity, OptionalProps, PrimaryKey, Property, Unique } from '@mikro-orm/core';

/*
 * The catalog's tables (migrations 3 and 14): models, their price versions, tiers and credit
 * packages. Read into the in-process snapshot (catalog.snapshot.ts) through catalog.store.ts;
 * prices are integer nano-dollars per token, tier prices integer cents, credits bigint micro-credits.
 */

/** A model Tollgate can route to, under its public id (`provider/name`). */
@Entity({ tableName: 'model' })
export class CatalogModel {
  [OptionalProps]?: 'capabilities' | 'strengths' | 'active' | 'kind' | 'createdAt' | 'updatedAt';

  @PrimaryKey({ type: 'text' })
  id!: string;

  @Property({ type: 'text' })
  provider!: string;

  /** The name the provider's API knows it by. */
  @Property({ type: 'text' })
  providerModel!: string;

  @Property({ type: 'text' })
  displayName!: string;

  @Property({ type: 'integer' })
  contextWindow!: number;

  @Property({ type: 'integer' })
  maxOutputTokens!: number;

  @Property({ type: 'text[]' })
  capabilities: string[] = [];

  /** 1 to 5. */
  @Property({ type: 'integer' })
  quality!: number;

  @Property({ type: 'text[]' })
  strengths: string[] = [];

  @Property({ type: 'boolean' })
  active: boolean = true;

  /** chat | embedding (migration 28): which endpoint serves the model. */
  @Property({ type: 'text' })
  kind: string = 'chat';

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();
}

/** One version of a model's price, in force from `effectiveFrom` until the next version. */
@Entity({ tableName: 'model_price' })
@Unique({ properties: ['modelId', 'effectiveFrom'] })
export class ModelPrice {
  [OptionalProps]?: 'cachedInputNano' | 'sourceDate' | 'createdBy' | 'createdAt';

  @PrimaryKey({ type: 'uuid' })
  id!: string;

  /** model.id */
  @Property({ type: 'text' })
  modelId!: string;

  @Property({ type: 'bigint' })
  inputNano!: bigint;

  @Property({ type: 'bigint' })
  outputNano!: bigint;

  @Property({ type: 'bigint', nullable: true })
  cachedInputNano?: bigint | null;

  @Property({ type: 'timestamptz' })
  effectiveFrom!: Date;

  /** Where the price was read (a provider's pricing page) or who set it. */
  @Property({ type: 'text' })
  source!: string;

  /** YYYY-MM-DD */
  @Property({ type: 'date', nullable: true })
  sourceDate?: string | null;

  /** app_user.id of the admin who set it. */
  @Property({ type: 'uuid', nullable: true })
  createdBy?: string | null;

  @Property({ type: 'timestamptz' })
  createdAt: Date = new Date();
}

/** A subscription tier: its monthly price, credits, limits and overage policy. */
@Entity({ tableName: 'tier' })
export class Tier {
  [OptionalProps]?: 'allowedModels' | 'sort' | 'updatedAt' | 'overage' | 'overageSurchargeBps' | 'rolloverCap' | 'markupBps';

  @PrimaryKey({ type: 'text' })
  code!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'integer' })
  monthlyPriceCents!: number;

  @Property({ type: 'bigint' })
  monthlyCredits!: bigint;

  /** none | capped | full */
  @Property({ type: 'text' })
  rollover!: string;

  @Property({ type: 'bigint', nullable: true })
  rolloverCap?: bigint | null;

  @Property({ type: 'bigint' })
  monthlyTokenAllowance!: bigint;

  @Property({ type: 'integer' })
  monthlyRequestCap!: number;

  @Property({ type: 'integer' })
  maxTokensPerRequest!: number;

  @Property({ type: 'integer' })
  requestsPerMinute!: number;

  @Property({ type: 'text[]' })
  allowedPriceClasses!: string[];

  @Property({ type: 'text[]' })
  allowedModels: string[] = [];

  @Property({ type: 'boolean' })
  byokAllowed!: boolean;

  /** Basis points over cost; null: the deployment's default markup. */
  @Property({ type: 'integer', nullable: true })
  markupBps?: number | null;

  @Property({ type: 'integer' })
  sort: number = 0;

  @Property({ type: 'timestamptz' })
  updatedAt: Date = new Date();

  /** block | credits: past the allowance, refuse or charge credits (migration 14). */
  @Property({ type: 'text' })
  overage: string = 'block';

  @Property({ type: 'integer' })
  overageSurchargeBps: number = 0;
}

/** A one-off credit pack on sale: credits plus bonus for a price in cents. */
@Entity({ tableName: 'credit_package' })
export class CreditPackage {
  [OptionalProps]?: 'bonusCredits' | 'active' | 'sort';

  @PrimaryKey({ type: 'text' })
  code!: string;

  @Property({ type: 'text' })
  name!: string;

  @Property({ type: 'bigint' })
  credits!: bigint;

  @Property({ type: 'bigint' })
  bonusCredits: bigint = 0n;

  @Property({ type: 'integer' })
  priceCents!: number;

  @Property({ type: 'boolean' })
  active: boolean = true;

  @Property({ type: 'integer' })
  sort: number = 0;
}

/** The catalog's entities; entities.ts lists them. */
export const catalogEntities: Function[] = [CatalogModel, ModelPrice, Tier, CreditPackage];

import type { ModelPrice, OveragePolicy, PriceClass } from '@tollgate/shared';

/** Which endpoint serves a model: completions (`chat`) or `POST /v1/embeddings` (`embedding`). */
export type ModelKind = 'chat' | 'embedding';

export interface CatalogModel {
  id: string;
  provider: string;
  providerModel: string;
  displayName: string;
  contextWindow: number;
  maxOutputTokens: number;
  capabilities: string[];
  quality: number;
  strengths: string[];
  active: boolean;
  price: ModelPrice & { id: string; effectiveFrom: Date; source: string };
  priceClass: PriceClass;
  kind: ModelKind;
}

export interface Tier {
  code: string;
  name: string;
  monthlyPriceCents: number;
  monthlyCredits: bigint;
  rollover: 'none' | 'capped' | 'full';
  rolloverCap: bigint | null;
  monthlyTokenAllowance: bigint;
  monthlyRequestCap: number;
  maxTokensPerRequest: number;
  requestsPerMinute: number;
  allowedPriceClasses: PriceClass[];
  allowedModels: string[];
  byokAllowed: boolean;
  markupBps: number | null;
  /** Past the monthly token allowance: `block` refuses (TIER_LIMIT_EXCEEDED), `credits` charges on with the surcharge. */
  overage: OveragePolicy;
  /** The surcharge on overage tokens, basis points on top of the marked-up price (2500 = +25%). */
  overageSurchargeBps: number;
  sort: number;
}

export interface CreditPackage {
  code: string;
  name: string;
  credits: bigint;
  bonusCredits: bigint;
  priceCents: number;
}

export interface PriceVersion {
  id: string;
  modelId: string;
  inputNanoPerToken: bigint;
  outputNanoPerToken: bigint;
  cachedInputNanoPerToken: bigint | null;
  effectiveFrom: Date;
  source: string;
  createdBy: string | null;
  createdAt: Date;
}

/** A tier lets a model in by its price class, or by naming it. */
export function tierAllows(tier: Pick<Tier, 'allowedPriceClasses' | 'allowedModels'>, model: Pick<CatalogModel, 'id' | 'priceClass'>): boolean {
  return tier.allowedModels.includes(model.id) || tier.allowedPriceClasses.includes(model.priceClass);
}

/** Longest prompt accepted, in characters (~100k tokens): beyond it no listed model is affordable anyway. */
export const MAX_PROMPT_CHARS = 400_000;
/** An output budget above this is not a request, it is a mistake. */
export const ABSURD_MAX_TOKENS = 1_000_000;
